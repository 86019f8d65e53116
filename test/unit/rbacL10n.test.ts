// RBAC as code in the display language: with the zh-cn bundle configured (as activation does), the plan document,
// the RBAC file's validation and the editor's lint messages are Chinese; unconfigured (the milvus-rbac CLI) they are
// the English the CLI has always printed (its plan JSON included).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MilvusError } from '../../src/core/errors/milvusError';
import { serializeRbacFile, type RbacFile } from '../../src/core/rbac/file';
import { parseRbacFile } from '../../src/core/rbac/fileParse';
import type { RbacModel } from '../../src/core/rbac/model';
import { planRbac, type RbacPlan } from '../../src/core/rbac/planner';
import { planToJson, renderPlanText } from '../../src/core/rbac/planRender';
import { lintRbacText } from '../../src/rbacEditor/rbacLint';
import { useChinese, useEnglish } from './displayLanguage';

const FILE: RbacFile = {
  format: 'milvus-access-manager/rbac',
  version: 1,
  exportedAt: '2026-01-02T03:04:05.000Z',
  source: { address: 'http://staging:19530', serverVersion: 'v2.6.19' },
  roles: [{ name: 'reader' }],
  privilegeGroups: [],
  grants: [{ role: 'reader', privilege: 'Query', dbName: 'default', collectionName: '*' }],
  userRoles: [
    { user: 'ann', roles: ['reader'] },
    { user: 'zoe', roles: ['reader'] },
  ],
};

/** A server with ann, a role `legacy` the file lacks, and no reader yet. */
const MODEL: RbacModel = {
  via: 'backupRbac',
  caller: 'root',
  database: 'default',
  serverVersion: 'v2.6.19',
  users: [{ name: 'ann', roles: ['legacy'] }],
  roles: [
    { name: 'public', users: [] },
    { name: 'legacy', users: ['ann'] },
  ],
  grants: [],
  grantsRead: [],
  privilegeGroups: [],
  descriptions: true,
};

const plan = (): RbacPlan => planRbac(FILE, MODEL, { mode: 'exact' });

/** The message a file is refused with. */
function refusal(file: unknown): string {
  try {
    parseRbacFile(JSON.stringify(file), 'milvus-2.6');
  } catch (error) {
    assert.ok(error instanceof MilvusError);
    return error.message;
  }
  assert.fail('the file was accepted');
}

const BAD_ROLE = { ...FILE, roles: [{ name: 'admin' }] };
/** Refused by the schema (valibot), not by a rule: the sentences of src/core/schema.ts. */
const NOT_A_LIST = { ...FILE, roles: 'reader' };
const NO_GRANTS: Partial<RbacFile> = { ...FILE };
delete NO_GRANTS.grants;
const LINT_TEXT = serializeRbacFile({ ...FILE, userRoles: [{ user: 'ann', roles: ['nobody'] }] });

describe('RBAC as code in the display language', () => {
  after(useEnglish);

  test('unconfigured (the CLI): English, exactly as before', () => {
    assert.equal(
      renderPlanText(plan(), 'prod'),
      [
        'Plan (exact: removes what the file lacks) for prod: 3 to add, 0 to change, 2 to remove.',
        '',
        'Role legacy (dropped)',
        '  - unbind user ann from role legacy',
        '  - drop role legacy',
        '',
        'Role reader (new)',
        '  + create role reader',
        '  + grant Query on all collections in default to role reader',
        '  + bind user ann to role reader',
        '',
        'Skipped users (1), missing on the server (passwords are not copied; create them first): zoe',
        '',
      ].join('\n'),
    );
    assert.equal(
      refusal(BAD_ROLE),
      'The RBAC file is not valid at roles[0]: "admin" is a built-in role; leave it out of the file. Nothing was sent.',
    );
    assert.equal(refusal(NOT_A_LIST), 'The RBAC file is not valid at roles: must be a list. Nothing was sent.');
    assert.equal(
      refusal(NO_GRANTS),
      'The RBAC file is not valid at the top level: the field "grants" is missing. Nothing was sent.',
    );
    assert.equal(planToJson(plan()).steps[0].text, 'create role reader');
    assert.deepEqual(
      lintRbacText(LINT_TEXT).map((i) => i.message),
      ['Role "nobody" is not defined in this file\'s "roles": add it there, or bind a role the file defines.'],
    );
  });

  test('with the zh-cn bundle (the extension in Chinese): Chinese, names and privileges unchanged', () => {
    useChinese();
    assert.equal(
      renderPlanText(plan(), 'prod'),
      [
        'prod 的计划（精确：移除文件中没有的内容）：添加 3 项，修改 0 项，移除 2 项。',
        '',
        '角色 legacy（删除）',
        '  - 将用户 ann 与角色 legacy 解绑',
        '  - 删除角色 legacy',
        '',
        '角色 reader（新建）',
        '  + 创建角色 reader',
        '  + 向角色 reader 授予 Query（范围：default 中的所有集合）',
        '  + 将用户 ann 绑定到角色 reader',
        '',
        '已跳过的用户（1），服务器上不存在（密码不会被复制；请先创建这些用户）：zoe',
        '',
      ].join('\n'),
    );
    assert.equal(
      refusal(BAD_ROLE),
      '该 RBAC 文件在 roles[0] 处无效：“admin”是内置角色；请勿将其写入文件。 未发送任何内容。',
    );
    assert.equal(refusal(NOT_A_LIST), '该 RBAC 文件在 roles 处无效：必须是列表。 未发送任何内容。');
    assert.equal(refusal(NO_GRANTS), '该 RBAC 文件在 顶层 处无效：缺少字段 "grants"。 未发送任何内容。');
    assert.deepEqual(
      lintRbacText(LINT_TEXT).map((i) => i.message),
      ['角色“nobody”未在此文件的 "roles" 中定义：请将其添加到那里，或绑定文件中已定义的角色。'],
    );
  });
});
