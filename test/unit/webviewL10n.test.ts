// The webviews and the core rule messages in Simplified Chinese (issue 14 item 5): with the zh-cn bundle configured as
// the extension does at activation (and the page script does in the webview), the form markup, the validation errors,
// the rule messages and the report read in Chinese; without it, English. The test server keeps Milvus's English texts.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { effectiveAccess } from '../../src/core/access/effectivePrivileges';
import { grantScope } from '../../src/core/access/grantScope';
import { memberSummary } from '../../src/core/access/labels';
import { passwordStrength } from '../../src/core/rules/passwordStrength';
import { RULE_PROFILES } from '../../src/core/rules/profiles';
import { checkPassword, checkUsername } from '../../src/core/rules/checks';
import { accessReportBody } from '../../src/webview/accessReportMarkup';
import { effectiveAccessView } from '../../src/webview/accessReportViews';
import { connectionFormBody } from '../../src/webview/connectionFormMarkup';
import { emptyFields, validateConnection } from '../../src/webview/connectionModel';
import { buildPage } from '../../src/webview/html';
import { userFormBody } from '../../src/webview/userFormMarkup';
import { validateUser } from '../../src/webview/userModel';
import type { Grant } from '../../src/core/types';
import { validatePassword, validateUsername } from '../milvus-server/validation';

const ZH_CN = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'),
) as Record<string, string>;

const HAN = /[\u4e00-\u9fff]/;

function inChinese(): void {
  l10n.config({ contents: ZH_CN });
}

function inEnglish(): void {
  l10n.config({ contents: {} });
}

describe('webviews and rule messages in zh-cn', () => {
  after(inEnglish);

  test('the connection form: labels, legends and buttons in Chinese, with the Milvus docs terms', () => {
    inChinese();
    const body = connectionFormBody('添加 Milvus 连接');
    for (const text of [
      '>名称</label>',
      '>数据库</label>',
      '>服务器</legend>',
      '>身份验证</legend>',
      '>测试连接</button>',
    ])
      assert.ok(body.includes(text), text);
    assert.ok(body.includes('<label for="password">密码</label>'));
    assert.ok(body.includes('>Milvus 2.6 及更高版本</option>'), 'rule profile labels translated');
    assert.doesNotMatch(body, />(Name|Database|Test connection|Save|Password)</, 'no English label left');
  });

  test('the connection form: validation errors in Chinese, the database rule from rules.ts too', () => {
    inChinese();
    const errors = validateConnection(
      { ...emptyFields(), name: '', database: '1db', password: 'x' },
      {
        hasStoredSecret: false,
      },
    );
    assert.equal(errors.name, '请输入此连接的名称。');
    assert.equal(errors.database, '数据库名称必须以 ASCII 字母（a–z、A–Z）或下划线（_）开头，而不是“1”。');
  });

  test('the rule messages of src/core: names, passwords, the strength hint, scopes and member counts', () => {
    inChinese();
    assert.equal(
      checkUsername('ab c', 'milvus-2.6')?.message,
      '用户名只能包含ASCII 字母、数字、下划线（_）、连字符（-）和点（.）；请删除空格（用户名的第 3 个字符）。',
    );
    assert.equal(checkPassword('abc', 'milvus-2.6')?.message, '密码至少需要 6 字节；当前为 3 字节。请加长。');
    assert.match(
      checkPassword('abcdefgh', 'zilliz-cloud')?.message ?? '',
      /^Zilliz Cloud 的密码至少需要包含以下 3 类字符.*当前只有小写字母。$/,
    );
    assert.equal(passwordStrength('password').label, '非常弱（常见密码）');
    assert.equal(RULE_PROFILES['milvus-2.4'].label, 'Milvus 2.4 及更早版本');
    const scope = grantScope({ objectType: 'Collection', objectName: 'books', dbName: 'default', privilege: 'Query' });
    assert.equal(scope.label, '集合 default.books');
    assert.equal(memberSummary({ name: 'reader', users: ['a', 'b'] }), '2 个成员');
  });

  test('the create-user form and the access report in Chinese', () => {
    inChinese();
    const user = userFormBody({
      connectionName: 'prod',
      profileLabel: RULE_PROFILES['milvus-2.6'].label,
      roles: ['reader'],
      descriptionSupported: true,
    });
    for (const text of [
      '在 prod 上创建用户',
      '规则：Milvus 2.6 及更高版本',
      '>角色</span>',
      '>确认密码</label>',
      '>创建用户</button>',
    ])
      assert.ok(user.includes(text), text);
    assert.deepEqual(validateUser({ username: '1a', password: 'abc', confirm: 'abd' }, 'milvus-2.6'), {
      username: '用户名必须以 ASCII 字母（a–z、A–Z）开头，而不是“1”。',
      password: '密码至少需要 6 字节；当前为 3 字节。请加长。',
      confirm: '两次输入的密码不一致；请输入两次相同的密码。',
    });
    const grant: Grant = {
      role: 'reader',
      privilege: 'Query',
      objectType: 'Collection',
      objectName: 'books',
      dbName: 'default',
      grantor: 'root',
    };
    const report = accessReportBody(
      effectiveAccessView(effectiveAccess('alice', ['reader'], new Map([['reader', [grant]]]), []), 'here'),
    );
    for (const text of [
      'alice 的有效权限',
      '<th scope="col">权限</th>',
      '<td>集合 default.books</td>',
      '>复制为 Markdown</button>',
      '1 行',
    ])
      assert.ok(report.includes(text), text);
  });

  test('the page gets the display language and its bundle; the page script reads them from #l10n', () => {
    const { html } = buildPage({
      cspSource: 'vscode-resource:',
      title: 't',
      body: '',
      init: {},
      scriptUri: 'x.js',
      styleUris: [],
      lang: 'zh-cn',
      l10n: { Save: '保存' },
    });
    assert.match(html, /<html lang="zh-cn">/);
    assert.match(html, /<script type="application\/json" id="l10n" nonce="[^"]+">\{"Save":"保存"\}<\/script>/);
  });

  test('English without a bundle; the test server speaks Milvus English even with the zh-cn bundle configured', () => {
    inEnglish();
    assert.match(connectionFormBody('Add').toString(), />Test connection</);
    assert.equal(
      checkPassword('abc', 'milvus-2.6')?.message,
      'A password needs at least 6 bytes; this one has 3. Make it longer.',
    );
    inChinese();
    assert.throws(() => validateUsername('1abc', '2.6'), /the first character must be a letter, but got 1/);
    assert.throws(() => validatePassword('abc', '2.6'), /invalid password length/);
    assert.throws(
      () => validateUsername('1abc', '2.6'),
      (e: Error) => !HAN.test(e.message),
    );
  });
});
