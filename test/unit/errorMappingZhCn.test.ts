// Error sentences in the display language (issue 14): with @vscode/l10n given the zh-cn bundle, as the extension does at
// activation, the problem and the remedy of a mapped error are both Chinese; unconfigured (the CLI), they stay English.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MilvusError } from '../../src/core/errors/milvusError';
import { statusFailure, toMilvusError, type ErrorContext } from '../../src/core/errors/mapping';
import { useChinese, useEnglish } from './displayLanguage';
import { grpcError } from './grpcErrors';

const ctx: ErrorContext = {
  address: '127.0.0.1:19530',
  user: 'alice',
  authMode: 'password',
  database: 'default',
  timeoutMs: 1500,
};

/** One error of each kind a user meets most: a wrong password, a server that is down, a denial, a refusal. */
function errors(): Record<string, MilvusError> {
  return {
    wrongPassword: toMilvusError(
      grpcError(16, 'auth check failure, please check username and password are correct'),
      ctx,
    ),
    unreachable: toMilvusError(grpcError(14, 'No connection established. Last error: connect ECONNREFUSED'), ctx),
    permission: toMilvusError(
      grpcError(7, 'PrivilegeShowCollections: permission deny to alice in the `default` database'),
      ctx,
    ),
    permissionUnparsed: toMilvusError(grpcError(7, 'permission deny'), ctx),
    refusal: statusFailure(
      { error_code: 'UnexpectedError', code: 65535, reason: 'role [writer] already exists' },
      ctx,
    )!,
  };
}

/** Runs of two or more Latin words: English left in a sentence (names, addresses and identifiers are single words). */
function englishRuns(text: string): string[] {
  return text.match(/[A-Za-z]{2,}(?:[\s,;:]+[A-Za-z]{2,})+/g) ?? [];
}

function assertChinese(text: string | undefined, what: string): void {
  assert.ok(text, `${what} is empty`);
  assert.match(text, /\p{Script=Han}/u, `${what} is not Chinese: ${text}`);
  assert.deepEqual(englishRuns(text), [], `${what} has English in it: ${text}`);
}

describe('error sentences in Simplified Chinese', () => {
  before(useChinese);
  after(useEnglish);

  test('problem and remedy of a wrong password, an unreachable server, a denial and a refusal', () => {
    for (const [what, error] of Object.entries(errors())) {
      assertChinese(error.problem, `${what}: problem`);
      if (error.remedy) {
        assertChinese(error.remedy.text, `${what}: remedy`);
        if (error.remedy.inForm !== undefined) assertChinese(error.remedy.inForm, `${what}: remedy in the form`);
      }
      assertChinese(error.message, `${what}: message`);
    }
    const { wrongPassword, unreachable, permission, refusal } = errors();
    assert.equal(wrongPassword.message, 'alice@127.0.0.1:19530 的用户名或密码错误。请编辑连接以更正凭据。');
    assert.equal(
      unreachable.message,
      '无法连接到位于 127.0.0.1:19530 的 Milvus。请检查服务器是否正在运行，以及地址、端口和 TLS 设置是否正确。',
    );
    assert.match(permission.problem, /^alice 在数据库“default”中缺少 ShowCollections 权限。$/);
    assert.equal(refusal.problem, '名为“writer”的角色已存在。请换一个名称，或改为向该角色授予权限。');
  });

  test('the texts are made when the error is, not when the modules load', () => {
    useEnglish();
    try {
      assert.equal(
        errors().wrongPassword.message,
        'Wrong username or password for alice@127.0.0.1:19530. Edit the connection to fix the credentials.',
      );
    } finally {
      useChinese();
    }
    assert.match(errors().wrongPassword.message, /用户名或密码错误/);
  });
});
