// A user's effective privileges as docs/milvus-behaviour.md §2.6 decides them: roles + implicit public, groups expanded,
// root and admin unrestricted.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveAccess, effectiveAccessMarkdown, rolesInEffect } from '../../src/core/access/effectivePrivileges';
import type { Grant, PrivilegeGroup } from '../../src/core/types';
import { effectiveAccessView } from '../../src/webview/accessReportViews';
import { useChinese, useEnglish } from './displayLanguage';

const grant = (role: string, privilege: string, dbName = 'default', objectName = '*'): Grant => ({
  role,
  privilege,
  dbName,
  objectName,
  objectType: objectName === '*' ? 'Global' : 'Collection',
  grantor: 'root',
});

const GROUPS: PrivilegeGroup[] = [{ name: 'readers', privileges: ['Query', 'Search'], builtIn: false }];

describe('effective privileges', () => {
  test('public is always in effect, once', () => {
    assert.deepEqual(rolesInEffect(['reader']), ['reader', 'public']);
    assert.deepEqual(rolesInEffect(['public', 'reader']), ['public', 'reader']);
    assert.deepEqual(rolesInEffect([]), ['public']);
  });

  test('the union of the roles and public, with groups expanded; one row per privilege and object, naming every source', () => {
    const grants = new Map([
      ['reader', [grant('reader', 'Query', 'default', 'books'), grant('reader', 'readers', 'db1')]],
      ['writer', [grant('writer', 'Query', 'default', 'books'), grant('writer', 'Insert', 'default', 'books')]],
      ['public', [grant('public', 'DescribeCollection', '*')]],
    ]);
    const access = effectiveAccess('alice', ['writer', 'reader'], grants, GROUPS);
    assert.equal(access.unrestricted, undefined);
    assert.deepEqual(access.roles, ['writer', 'reader', 'public']);
    assert.deepEqual(
      access.privileges.map((p) => [p.privilege, p.scope.label, p.via.join(' + ')]),
      [
        ['DescribeCollection', 'all collections', 'public'],
        ['Query', 'database db1', 'reader (group readers)'],
        ['Search', 'database db1', 'reader (group readers)'],
        ['Insert', 'collection default.books', 'writer'],
        ['Query', 'collection default.books', 'reader + writer'],
      ],
    );
  });

  test('grants of roles the user does not hold are ignored', () => {
    const access = effectiveAccess('bob', [], new Map([['writer', [grant('writer', 'Insert')]]]), []);
    assert.deepEqual(access.privileges, []);
    assert.match(effectiveAccessMarkdown(access, 'test'), /No privileges: every request that needs one is refused/);
  });

  test('root and holders of admin are unrestricted, whatever their grants', () => {
    assert.match(effectiveAccess('root', [], new Map(), []).unrestricted ?? '', /superuser/);
    const admin = effectiveAccess(
      'ops',
      ['admin'],
      new Map([['public', [grant('public', 'DescribeCollection', '*')]]]),
      [],
    );
    assert.match(admin.unrestricted ?? '', /ops has the admin role/);
    const text = effectiveAccessMarkdown(admin, '"Prod" (Milvus v2.6.19)');
    assert.match(text, /\*\*Unrestricted\.\*\* ops has the admin role/);
    assert.match(text, /\| DescribeCollection \| all collections \| public \|/);
  });

  test('the Markdown table: the scope as the tree names it, `*` reads "all privileges", and a `|` in a name cannot break a row', () => {
    const access = effectiveAccess('carol', ['a|b'], new Map([['a|b', [grant('a|b', '*', 'default', 'x|y')]]]), []);
    const text = effectiveAccessMarkdown(access, 'here');
    assert.match(text, /^# Effective privileges of carol$/m);
    assert.match(text, /Roles in effect: a\\\|b, public/);
    assert.match(text, /^\| all privileges \| collection default\.x\\\|y \| a\\\|b \|$/m);
  });

  test('in Chinese (issue 23 item 16): the group a privilege comes through, "all privileges" and the Markdown copy', () => {
    useChinese();
    after(useEnglish);
    const grants = new Map([['reader', [grant('reader', 'readers', 'db1'), grant('reader', '*', 'default', 'books')]]]);
    const access = effectiveAccess('alice', ['reader'], grants, GROUPS);
    const view = effectiveAccessView(access, 'prod');
    assert.deepEqual(view.rows, [
      ['Query', '数据库 db1', 'reader（权限组 readers）'],
      ['Search', '数据库 db1', 'reader（权限组 readers）'],
      ['所有权限', '集合 default.books', 'reader'],
    ]);
    const markdown = view.markdown.split('\n');
    assert.equal(markdown[0], '# alice 的有效权限');
    assert.ok(markdown.includes('| 权限 | 范围 | 来源 |'), view.markdown);
    assert.ok(markdown.includes('| Query | 数据库 db1 | reader（权限组 readers） |'), view.markdown);
    const root = effectiveAccessMarkdown(effectiveAccess('root', [], new Map(), []), 'prod');
    assert.match(root, /^\*\*不受限制。\*\* /m);
    assert.doesNotMatch(`${view.markdown}${root}`, /group|all privileges|Effective|Unrestricted|Privilege \|/);
  });
});
