// `milvus-rbac plan --format markdown`: the plan as a pull-request comment.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown, renderPlanMarkdown } from '../../src/core/rbac/planMarkdown';
import type { RbacPlan } from '../../src/core/rbac/planner';
import { useChinese, useEnglish } from './displayLanguage';

const books = { dbName: 'default', collectionName: 'books' };

const EXACT: RbacPlan = {
  mode: 'exact',
  caller: 'deployer',
  steps: [
    { kind: 'createGroup', group: 'readers' },
    { kind: 'createRole', role: 'reader' },
    { kind: 'grant', grant: { role: 'reader', privilege: 'readers', ...books } },
    { kind: 'bindRole', user: 'ann', role: 'reader' },
    { kind: 'alterRole', role: 'db_ops', description: 'Runs ```backups```', previous: '' },
    { kind: 'unbindRole', user: 'bob', role: 'legacy' },
    { kind: 'revoke', grant: { role: 'legacy', privilege: 'Insert', ...books } },
    { kind: 'dropRole', role: 'legacy' },
  ],
  leftOut: [{ step: { kind: 'dropRole', role: 'ops' }, reason: 'deployer runs this plan' }],
  skippedUsers: ['zed'],
};

describe('renderPlanMarkdown', () => {
  const md = renderPlanMarkdown(EXACT, 'http://milvus:19530');
  const lines = md.split('\n');

  test('the first line is the summary with the counts, what was left out and the users skipped', () => {
    assert.equal(
      lines[0],
      '**Plan (exact: removes what the file lacks) for http://milvus:19530: 4 to add, 1 to change, 3 to remove.** left out: 1, skipped users: 1.',
    );
  });

  test('removals are called out in a warning before the steps, left-out steps in a note with the reason', () => {
    const warning = md.indexOf('> [!WARNING]\n> This plan removes 3:\n> - unbind user bob from role legacy\n');
    assert.ok(warning > 0, md);
    assert.ok(md.includes('> - revoke Insert on collection default.books from role legacy\n> - drop role legacy\n'));
    assert.ok(
      md.includes(
        '> [!NOTE]\n> Left out (1): this plan does not run these steps.\n> - drop role ops: deployer runs this plan\n',
      ),
    );
    assert.ok(md.includes('Skipped users (1), missing on the server'));
    assert.ok(warning < md.indexOf('```diff'));
  });

  test('a table of changes per section, then each section as a diff block (+ add, ! change, - remove)', () => {
    assert.ok(
      md.includes(
        '| Section | + | ! | - |\n|---|--:|--:|--:|\n| Privilege groups | 1 | 0 | 0 |\n| Role db\\_ops | 0 | 1 | 0 |\n| Role legacy (dropped) | 0 | 0 | 3 |\n| Role reader (new) | 3 | 0 | 0 |\n',
      ),
      md,
    );
    assert.ok(
      md.includes(
        '#### Role reader (new)\n\n```diff\n+ create role reader\n+ grant readers on collection default.books to role reader\n+ bind user ann to role reader\n```\n',
      ),
    );
    assert.ok(md.includes('#### Role legacy (dropped)\n\n```diff\n- unbind user bob from role legacy\n'));
  });

  test('a description with a run of three backticks gets a longer fence, so it cannot end the block', () => {
    assert.ok(
      md.includes(
        '#### Role db\\_ops\n\n````diff\n! set the description of role db_ops to "Runs ```backups```"\n````\n',
      ),
      md,
    );
  });

  test('no changes: the summary line only, no table, no callouts', () => {
    const empty = renderPlanMarkdown({ mode: 'additive', caller: 'root', steps: [], leftOut: [], skippedUsers: [] });
    assert.equal(empty, '**Plan (additive: never removes): no changes.**\n');
  });

  test('escapeMarkdown keeps names from turning into formatting, links or HTML', () => {
    assert.equal(escapeMarkdown('a_b *c* [x](y) <img> |'), 'a\\_b \\*c\\* \\[x\\](y) \\<img\\> \\|');
  });

  test('in the display language where l10n is configured (the CLI leaves it English)', () => {
    useChinese();
    try {
      const zh = renderPlanMarkdown(EXACT, 'http://milvus:19530');
      assert.match(zh, /> 此计划将移除 3 项：\n/);
      assert.match(zh, /\| 部分 \| \+ \| ! \| - \|/);
      assert.match(zh, /未纳入计划：1/);
      assert.doesNotMatch(zh, /This plan removes|Section|left out:/);
    } finally {
      useEnglish();
    }
  });
});
