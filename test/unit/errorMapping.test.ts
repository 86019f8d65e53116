import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MilvusError, withRawText } from '../../src/core/errors/milvusError';
import {
  healthCheckFailure,
  isUnimplementedResponse,
  statusFailure,
  toMilvusError,
  type ErrorContext,
} from '../../src/core/errors/mapping';
import { explainRefusal, refusedAsInUse, refusedForGrants } from '../../src/core/errors/serverRefusals';
import { REMEDIES } from '../../src/core/errors/remedies';
import { secretVariants } from '../../src/core/errors/redact';
import { errorText } from '../../src/webview/errorText';
import { grpcError } from './grpcErrors';

const PASSWORD = 'Pa55:w0rd-ünïcode';
const ctx: ErrorContext = {
  address: '127.0.0.1:19530',
  user: 'alice',
  authMode: 'password',
  database: 'default',
  timeoutMs: 1500,
  secrets: secretVariants('alice', PASSWORD, undefined),
};

function assertNoSecret(e: MilvusError, secrets: readonly string[]): void {
  const text = JSON.stringify({ message: e.message, details: e.details });
  for (const s of secrets) {
    assert.ok(!text.includes(s), `secret ${JSON.stringify(s)} leaked in ${text}`);
  }
}

describe('toMilvusError: gRPC transport errors', () => {
  test('16 → auth, with user@address and what to do', () => {
    const e = toMilvusError(grpcError(16, 'auth check failure, please check username and password are correct'), ctx);
    assert.equal(e.kind, 'auth');
    assert.equal(
      e.message,
      'Wrong username or password for alice@127.0.0.1:19530. Edit the connection to fix the credentials.',
    );
    assert.equal(e.details.serverMessage, 'auth check failure, please check username and password are correct');
    assert.equal(e.details.grpcCode, 16);
    const asked = toMilvusError(grpcError(16, 'auth check failure, please check username and password are correct'), {
      ...ctx,
      askedSecret: true,
    });
    assert.equal(
      asked.message,
      'Wrong username or password for alice@127.0.0.1:19530. Connect again to enter the password.',
    );
  });
  test('16 without credentials or with a token', () => {
    assert.match(
      toMilvusError(grpcError(16, 'missing authorization in header'), { ...ctx, authMode: 'none' }).message,
      /requires authentication/,
    );
    assert.match(
      toMilvusError(grpcError(16, 'auth check failure'), { ...ctx, authMode: 'token' }).message,
      /token was refused/,
    );
  });
  test('14 → unreachable', () => {
    const e = toMilvusError(
      grpcError(14, 'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:19530'),
      ctx,
    );
    assert.equal(e.kind, 'unreachable');
    assert.match(e.message, /^Cannot reach Milvus at 127\.0\.0\.1:19530\. Check that the server is running/);
  });
  test('14 with a certificate problem → tls', () => {
    const e = toMilvusError(
      grpcError(14, 'No connection established. Last error: Error: self-signed certificate in certificate chain'),
      ctx,
    );
    assert.equal(e.kind, 'tls');
    assert.match(e.message, /self-signed certificate in certificate chain/);
    assert.match(e.message, /not signed by a trusted CA/);
  });
  test('OpenSSL noise is reduced to the reason, with advice', () => {
    const raw =
      'No connection established. Last error: 80AC31A36F7F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 116\n (2026-11-23T10:51:38.979Z). Resolution note: ';
    const e = toMilvusError(grpcError(14, raw), ctx);
    assert.equal(e.kind, 'tls');
    assert.equal(
      e.message,
      'The TLS handshake with Milvus at 127.0.0.1:19530 failed (tlsv13 alert certificate required). The server requires a client certificate: choose mutual TLS and give the client certificate and key.',
    );
    assert.equal(e.details.transportMessage, raw, 'the raw text is kept for the log');
    assert.equal(e.details.serverMessage, undefined, "not offered as the server's words");
    const plain = toMilvusError(
      grpcError(
        14,
        'No connection established. Last error: Error: 80AC:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../x.c:350:\n. Resolution note: ',
      ),
      ctx,
    );
    assert.match(plain.message, /failed \(wrong version number\)\. The server does not speak TLS on this port/);
  });
  test('no grpc-js text reaches the user: not in the message, nor beside it in a form; it stays for the log', () => {
    const raw = 'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:19530. Resolution note: ';
    const texts = [
      toMilvusError(grpcError(14, raw), ctx),
      toMilvusError(grpcError(4, 'Deadline exceeded after 1.501s,LB pick: 0.001s,remote_addr=127.0.0.1:19530'), ctx),
      // A status error that lost its numeric code on the way: the text still maps to the same sentence.
      toMilvusError(new Error(`14 UNAVAILABLE: ${raw}`), ctx),
    ];
    for (const e of texts) {
      assert.match(e.kind, /^(unreachable|timeout)$/);
      assert.doesNotMatch(
        errorText(e),
        /Resolution note|No connection established|UNAVAILABLE|Deadline exceeded|LB pick/,
      );
      assert.match(withRawText(e.message, e), /\[(No connection established|Deadline exceeded)/);
    }
    assert.equal(texts[2].message, texts[0].message);
  });
  test('a failed health check is "unreachable" even when it timed out', () => {
    const e = healthCheckFailure(grpcError(4, 'Deadline exceeded after 1.5s'), 1500, ctx);
    assert.equal(e.kind, 'unreachable');
    assert.equal(
      e.message,
      'Milvus at 127.0.0.1:19530 did not answer a health check within 1500 ms. Check that the server is running and reachable, then refresh.',
    );
    assert.equal(healthCheckFailure(grpcError(16, 'auth check failure'), 1500, ctx).kind, 'auth');
  });
  test('4 → timeout naming the deadline', () => {
    const e = toMilvusError(grpcError(4, 'Deadline exceeded after 1.5s'), ctx);
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /within 1500 ms/);
  });
  test('7 → permission, with the privilege and (for a database-level one) the database spelled out', () => {
    const e = toMilvusError(
      grpcError(7, 'PrivilegeShowCollections: permission deny to bob in the `db1` database'),
      ctx,
    );
    assert.equal(e.kind, 'permission');
    assert.equal(
      e.message,
      'bob lacks the ShowCollections privilege in database "db1". Ask an administrator to grant it, or connect as a user who has it.',
    );
    assert.equal(e.details.serverMessage, 'PrivilegeShowCollections: permission deny to bob in the `db1` database');
  });
  test('7 → a cluster-level privilege is named without the database the server adds (issue 23)', () => {
    for (const privilege of ['SelectUser', 'SelectOwnership', 'ListPrivilegeGroups', 'CreateOwnership']) {
      const e = toMilvusError(
        grpcError(7, `Privilege${privilege}: permission deny to bob in the \`default\` database`),
        ctx,
      );
      assert.equal(e.kind, 'permission');
      assert.match(e.message, new RegExp(`^bob lacks the ${privilege} privilege \\(a cluster-level privilege\\)\\. `));
      assert.doesNotMatch(e.message, /database/);
    }
  });
  test('12 → unimplemented; other codes → server', () => {
    assert.equal(toMilvusError(grpcError(12, ''), ctx).kind, 'unimplemented');
    const e = toMilvusError(grpcError(13, 'boom'), ctx);
    assert.equal(e.kind, 'server');
    assert.equal(e.details.grpcCode, 13);
  });
});

describe('toMilvusError: other thrown values', () => {
  test('SDK client-side checks → invalidInput', () => {
    const e = toMilvusError(new Error('The `username` or `password` property is missing.'), ctx);
    assert.equal(e.kind, 'invalidInput');
  });
  test('a file error → tls naming the file', () => {
    const fsError = Object.assign(new Error("ENOENT: no such file or directory, open '/x/ca.pem'"), {
      code: 'ENOENT',
      path: '/x/ca.pem',
    });
    const e = toMilvusError(fsError, ctx);
    assert.equal(e.kind, 'tls');
    assert.match(e.message, /\/x\/ca\.pem/);
  });
  test('a MilvusError passes through; strings and unknowns become server errors', () => {
    const original = new MilvusError('databaseNotFound', 'gone', { code: 800 });
    const e = toMilvusError(original, ctx);
    assert.equal(e.kind, 'databaseNotFound');
    assert.equal(e.message, 'gone');
    assert.equal(toMilvusError('weird', ctx).kind, 'server');
    assert.equal(toMilvusError(undefined).kind, 'server');
  });
});

describe('statusFailure', () => {
  test('success in all shapes', () => {
    assert.equal(statusFailure({ error_code: 'Success', code: 0, reason: '' }, ctx), undefined);
    assert.equal(statusFailure({ status: { error_code: 'Success', code: 0 }, results: [] }, ctx), undefined);
    assert.equal(statusFailure({ status: { error_code: 0, code: '0' } }, ctx), undefined);
  });
  test('code != 0 fails even when error_code says Success', () => {
    const e = statusFailure({ error_code: 'Success', code: 1100, reason: 'bad' }, ctx);
    assert.equal(e?.kind, 'server');
    assert.equal(e?.message, 'bad');
  });
  test('error_code != Success fails even when code is 0 (pre-2.3 servers)', () => {
    const e = statusFailure({ error_code: 'UnexpectedError', code: 0, reason: 'old style' }, ctx);
    assert.equal(e?.kind, 'server');
    assert.equal(e?.details.errorCode, 'UnexpectedError');
  });
  test('an unrecognised server text is the message, as is', () => {
    const e = statusFailure(
      { status: { error_code: 'CreateCredentialFailure', code: 1100, reason: 'something new: invalid parameter' } },
      ctx,
    );
    assert.equal(e?.message, 'something new: invalid parameter');
    assert.equal(e?.details.serverMessage, 'something new: invalid parameter');
    assert.equal(e?.details.code, 1100);
    assert.equal(e?.details.errorCode, 'CreateCredentialFailure');
  });
  test('a recognised refusal is a sentence; the server text stays in the details', () => {
    const e = statusFailure(
      {
        status: {
          error_code: 'CreateCredentialFailure',
          code: 1100,
          reason: 'user already exists: bob: invalid parameter',
        },
      },
      ctx,
    );
    assert.equal(e?.kind, 'server');
    assert.equal(
      e?.message,
      'A user named "bob" already exists. Choose another name, or change the existing user\'s password or roles instead.',
    );
    assert.equal(e?.details.serverMessage, 'user already exists: bob: invalid parameter');
    assert.equal(e?.details.code, 1100);
  });
  test('code 800 → databaseNotFound naming the database', () => {
    const e = statusFailure(
      { status: { error_code: 'UnexpectedError', code: 800, reason: 'database not found[database=nope]' } },
      ctx,
    );
    assert.equal(e?.kind, 'databaseNotFound');
    assert.match(
      e?.message ?? '',
      /Database "nope" does not exist on Milvus at 127\.0\.0\.1:19530\. Edit the connection/,
    );
  });
  test('PermissionDenied status → permission', () => {
    assert.equal(statusFailure({ error_code: 'PermissionDenied', code: 65535, reason: 'no' }, ctx)?.kind, 'permission');
  });
  test('an empty reason still gives a sentence', () => {
    assert.match(
      statusFailure({ error_code: 'UnexpectedError', code: 65535, reason: '' }, ctx)?.message ?? '',
      /code 65535/,
    );
  });
});

describe('unimplemented responses', () => {
  test('a response without a Status is the SDK hiding UNIMPLEMENTED', () => {
    assert.equal(isUnimplementedResponse({}), true);
    assert.equal(isUnimplementedResponse(undefined), true);
    assert.equal(isUnimplementedResponse({ status: null }), true);
    assert.equal(isUnimplementedResponse({ error_code: 'Success', code: 0 }), false);
    assert.equal(isUnimplementedResponse({ status: { error_code: 'Success', code: 0 }, results: [] }), false);
  });
});

describe('secrets never appear in messages', () => {
  const b64 = (s: string): string => Buffer.from(s, 'utf-8').toString('base64');
  const raw = [
    grpcError(16, `auth check failure for alice:${PASSWORD}`),
    grpcError(14, `No connection established. Last error: Error: bad header ${b64(`alice:${PASSWORD}`)}`),
    grpcError(13, `echo ${b64(PASSWORD)} and ${PASSWORD}`),
    grpcError(7, `PrivilegeX: permission deny to ${PASSWORD} in the \`default\` database`),
    new Error(`The \`password\` ${PASSWORD} is odd`),
    new Error(`unexpected ${PASSWORD}`),
  ];
  for (const [i, err] of raw.entries()) {
    test(`raw error #${i} is scrubbed`, () => {
      assertNoSecret(toMilvusError(err, ctx), [PASSWORD, b64(PASSWORD), b64(`alice:${PASSWORD}`)]);
    });
  }
  test('a Status whose reason echoes the password is scrubbed', () => {
    const e = statusFailure(
      { error_code: 'UpdateCredentialFailure', code: 1100, reason: `bad password ${PASSWORD}` },
      ctx,
    );
    assert.ok(e);
    assertNoSecret(e, [PASSWORD]);
    assert.match(e.message, /\*\*\*/);
  });
  test('a password that is an ordinary word does not mangle our own sentences', () => {
    const c: ErrorContext = { ...ctx, user: 'root', secrets: secretVariants('root', 'Milvus', undefined) };
    const e = toMilvusError(grpcError(14, 'No connection established. Last error: connect ECONNREFUSED'), c);
    assert.match(e.message, /^Cannot reach Milvus at 127\.0\.0\.1:19530\./);
    const s = statusFailure({ error_code: 'UnexpectedError', code: 65535, reason: 'Milvus said Milvus' }, c);
    assert.equal(s?.message, '*** said ***');
  });
  test('tokens are scrubbed too', () => {
    const token = 'tok-ABCDEF-123456';
    const e = toMilvusError(grpcError(16, `bad token ${token} / ${b64(token)}`), {
      ...ctx,
      authMode: 'token',
      secrets: secretVariants(undefined, undefined, token),
    });
    assertNoSecret(e, [token, b64(token)]);
  });
});

// Server refusal texts per era (docs/milvus-behaviour.md §3.1–§3.3): 2.6.19+ (": invalid parameter"), 2.6.6–2.6.18
// (no suffix, "failed to check if …" prefixes) and 2.5 (plain "not found the …" texts). Each maps to a sentence.
describe('server refusals become sentences with a remedy', () => {
  const cases: [era: string, reason: string, sentence: RegExp][] = [
    [
      '2.6.19',
      'user already exists: bob: invalid parameter',
      /^A user named "bob" already exists\. Choose another name/,
    ],
    ['2.6.6', 'user already exists: bob', /^A user named "bob" already exists\./],
    ['2.5', 'user already exists: bob', /^A user named "bob" already exists\./],
    [
      'restore',
      'failed to check if rbac restorable: user [bob] already exists: invalid parameter',
      /^A user named "bob" already exists/,
    ],
    [
      '2.6.19',
      'role [name:"reader"] already exists: invalid parameter',
      /^A role named "reader" already exists\. Choose another name, or grant privileges to the existing role instead\.$/,
    ],
    [
      '2.6.19 spacing',
      'role [name: "reader"  description:"x"] already exists: invalid parameter',
      /^A role named "reader" already exists/,
    ],
    ['2.5', 'role [name:"reader"] already exists', /^A role named "reader" already exists/],
    [
      'restore',
      'failed to check if rbac restorable: role [ops] already exists: invalid parameter',
      /^A role named "ops" already exists/,
    ],
    [
      '2.6.19',
      'failed to check if privilege group creatable: privilege group name [g1] is defined by users: invalid parameter',
      /^A privilege group named "g1" already exists/,
    ],
    [
      'restore',
      'failed to check if rbac restorable: privilege group [g1] already exists: invalid parameter',
      /^A privilege group named "g1" already exists/,
    ],
    [
      '2.6.19',
      'failed to check if privilege group creatable: privilege group name [Query] is defined by built in privileges or privilege groups in system: invalid parameter',
      /^"Query" is the name of a built-in privilege/,
    ],
    [
      '2.6.19',
      "not found the role, maybe the role isn't existed or internal system error: invalid parameter",
      /^The role does not exist\. Refresh the tree/,
    ],
    ['2.5', "not found the role, maybe the role isn't existed or internal system error", /^The role does not exist/],
    [
      '2.6.19',
      'failed to operate privilege common check: the role "r9" does not exist: invalid parameter',
      /^The role "r9" does not exist/,
    ],
    ['3.x', 'failed to check if alter role: role not exists', /^The role does not exist/],
    [
      '2.6.19',
      'failed to check if operate user role: user "ghost" not found: invalid parameter',
      /^The user "ghost" does not exist\. Refresh/,
    ],
    [
      '2.6.6',
      "failed to check if operate user role: not found the user, maybe the user isn't existed or internal system error",
      /^The user does not exist/,
    ],
    ['2.6.6', 'failed to check if update credential: user not found', /^The user does not exist/],
    [
      '2.6.19',
      'failed to operate privilege common check: the grantor user "x" does not exist: invalid parameter',
      /grantor.*no user "x"\. Connect as an existing user/,
    ],
    [
      '2.6.19',
      'not found the privilege name[Nope] in object[Global]: invalid parameter',
      /^"Nope" cannot be granted on Global objects/,
    ],
    [
      '2.6.19',
      'not found the privilege name[Nope]: invalid parameter',
      /^This server has no privilege or privilege group named "Nope"/,
    ],
    [
      '2.6.19',
      'failed to check if privilege group alterable: there is no privilege name or privilege group name [Nope] defined in system to operate: invalid parameter',
      /named "Nope"/,
    ],
    [
      '2.6.19',
      'failed to check if privilege group alterable: there is no privilege group name [ClusterAdmin] defined in system to operate: invalid parameter',
      /^"ClusterAdmin" is not a custom privilege group/,
    ],
    [
      '2.5',
      'the privilege group name [ClusterAdmin] is defined by built in privilege groups in system',
      /^"ClusterAdmin" is not a custom privilege group/,
    ],
    [
      '2.6.19',
      'failed to check if drop role: fail to drop the role that it has privileges. Use REVOKE API to revoke privileges: invalid parameter',
      /^The role still has grants.*Revoke its privileges first/,
    ],
    [
      '2.5',
      'fail to drop the role that it has privileges. Use REVOKE API to revoke privileges',
      /^The role still has grants/,
    ],
    [
      '2.6.19',
      'failed to check if privilege group dropable: privilege group [g1] is used by role [ops], Use REVOKE API to revoke it first: invalid parameter',
      /^The privilege group "g1" is still granted to the role "ops"\. Revoke it/,
    ],
    [
      '2.6.19',
      'failed to check if add credential: quota exceeded[reason=unable to add user because the number of users has reached the limit]',
      /maximum number of users \(proxy\.maxUserNum.*raise the limit/,
    ],
    ['2.5', 'unable to add user because the number of users has reached the limit', /maximum number of users/],
    [
      '2.6.19',
      'failed to check if create role: quota exceeded[reason=unable to create role because the number of roles has reached the limit]',
      /maximum number of roles \(proxy\.maxRoleNum, 10 by default, admin and public included\)/,
    ],
    ['2.5', 'unable to create role because the number of roles has reached the limit', /maximum number of roles/],
    [
      'any',
      'old password not correct for carol: not authenticated',
      /^The current password of carol is not correct, so the server kept the old one\./,
    ],
    [
      '2.6.19',
      'invalid password length: invalid parameter[3 out of range 6 <= value <= 72]',
      /^The password is 3 bytes long; this server accepts 6 to 72 bytes\./,
    ],
    [
      '2.2',
      'The length of password must be great than 6 and less than 256 characters.',
      /accepts passwords of 6 to 256 characters/,
    ],
    ['2.6.19', 'username must be not empty: invalid parameter', /^Enter a username\.$/],
    [
      '2.6.19',
      'invalid username aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa with length 33, the length of username must be less than 32: invalid parameter',
      /is 33 bytes long; this server allows at most 32\./,
    ],
    [
      '2.5',
      'invalid username aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa with length 33, the length of username must be less than %!d(string=32): invalid parameter',
      /allows at most 32\./,
    ],
    [
      '2.6.19',
      'invalid user name 1abc, the first character must be a letter, but got 1: invalid parameter',
      /^The username "1abc" must start with a letter/,
    ],
    [
      '2.6.19',
      'invalid user name a b, username must contain only numbers, letters, underscores, dots, and hyphens, but got %!s(uint8=32): invalid parameter',
      /^The username "a b" may contain only numbers, letters, underscores, dots, and hyphens\./,
    ],
    [
      '2.6.19',
      'role name should be not empty: invalid parameter[expected=not empty][actual=]',
      /^Enter a role name\.$/,
    ],
    [
      '2.6.19',
      'the length of role name must be not greater than limit: invalid parameter[300 out of range 0 <= value <= 255]',
      /300 characters long; this server allows at most 255/,
    ],
    [
      '2.6.19',
      'the first character of role name must be an underscore or letter: invalid parameter[expected=95][actual=49]',
      /must start with a letter or an underscore/,
    ],
    [
      '2.6.19',
      'role name can only contain numbers, letters, underscores, and allowed characters ($), found - at 1: invalid parameter',
      /may contain only numbers, letters, underscores, and allowed characters \(\$\) \("-" is not allowed\)/,
    ],
    [
      '2.5',
      'role name can only contain numbers, letters, dollars and underscores, found - at 1: invalid parameter',
      /may contain only numbers, letters, dollars and underscores/,
    ],
    [
      'any',
      'invalid privilege group name[privilegeGroup=privilege group name should not be empty]',
      /^A privilege group name must start with a letter/,
    ],
    [
      'any',
      'privilege group name a-b can only contain numbers, letters and underscores: invalid parameter',
      /^A privilege group name must start/,
    ],
    [
      '2.6.19',
      "the role[admin] is a default role, which can't be dropped: privilege not permitted",
      /^"admin" is a built-in role: the server does not let it be dropped\.$/,
    ],
    [
      '2.6.19',
      "failed to check if drop role: the role[db_ro] is a builtin role, which can't be dropped: privilege not permitted",
      /^"db_ro" is a built-in role/,
    ],
    [
      '2.6.19',
      "the role[public] is a default role, which can't be altered: privilege not permitted",
      /not let it be altered/,
    ],
    ['2.6.19', 'root user cannot be deleted: privilege not permitted', /root user cannot be dropped/],
    ['2.2', 'user root cannot be deleted', /root user cannot be dropped/],
    [
      '2.6.19',
      'can not operate the built-in privilege group [ClusterAdmin]: invalid parameter',
      /old grant API cannot grant the built-in privilege group "ClusterAdmin"/,
    ],
    [
      '2.6.19',
      'dbName and collectionName should be * for the cluster level privilege: ClusterReadOnly: invalid parameter',
      /"ClusterReadOnly" is a cluster-level group/,
    ],
    [
      '2.6.19',
      'collectionName should be * for the database level privilege: DatabaseReadOnly: invalid parameter',
      /"DatabaseReadOnly" is a database-level group/,
    ],
    [
      '2.6.19',
      'please specify database name for the collection level privilege: CollectionReadOnly: invalid parameter',
      /"CollectionReadOnly" is a collection-level group: choose a database/,
    ],
    [
      '2.6.19',
      'failed to check if privilege group alterable: privileges are not the same privilege level: invalid parameter',
      /one level only/,
    ],
    [
      '2.6.19',
      'invalid user description with length 2000, the length of user description must be less than or equal to 1024: invalid parameter',
      /user description is too long/,
    ],
    [
      '2.6.19',
      'the length of role description must be not greater than limit: invalid parameter[2000 out of range 0 <= value <= 1024]',
      /role description is too long/,
    ],
  ];
  for (const [era, reason, sentence] of cases) {
    test(`${era}: ${reason.slice(0, 70)}`, () => {
      const e = statusFailure(
        { error_code: 'UnexpectedError', code: era.startsWith('2.6.19') ? 1100 : 65535, reason },
        ctx,
      );
      assert.ok(e);
      assert.match(e.message, sentence);
      assert.equal(e.details.serverMessage, reason, 'the server text is kept for the log');
      assert.doesNotMatch(
        e.message,
        /invalid parameter|privilege not permitted|not authenticated/,
        'no raw server wording',
      );
    });
  }
  test('anything else is left alone', () => {
    assert.equal(explainRefusal('collection not found[collection=x]'), undefined);
    assert.equal(explainRefusal(''), undefined);
  });
});

describe('structured remedies', () => {
  test('each error says where its remedy is carried out; the message ends with the remedy', () => {
    const cases: [MilvusError, (typeof REMEDIES)[keyof typeof REMEDIES]][] = [
      [toMilvusError(grpcError(16, 'auth check failure'), ctx), REMEDIES.fixCredentials],
      [toMilvusError(grpcError(16, 'auth check failure'), { ...ctx, askedSecret: true }), REMEDIES.retypePassword],
      [toMilvusError(grpcError(16, 'missing authorization'), { ...ctx, authMode: 'none' }), REMEDIES.enterCredentials],
      [toMilvusError(grpcError(4, 'Deadline exceeded'), ctx), REMEDIES.raiseTimeout],
      [toMilvusError(grpcError(14, 'connect ECONNREFUSED'), ctx), REMEDIES.checkServer],
      [statusFailure({ code: 800, reason: 'database not found[database=nope]' }, ctx)!, REMEDIES.chooseDatabase],
    ];
    for (const [error, remedy] of cases) {
      assert.equal(error.remedy, remedy, error.message);
      assert.equal(error.message, `${error.problem} ${remedy.text}`);
    }
    assert.deepEqual(
      cases.map(([e]) => e.remedy?.place),
      ['connection', 'prompt', 'connection', 'settings', 'server', 'connection'],
    );
  });
  test('the refusals commands react to are recognised here, not in the commands', () => {
    const hasGrants = statusFailure({ code: 65535, reason: 'fail to drop the role that it has privileges' }, ctx);
    const groupInUse = statusFailure({ code: 1100, reason: 'privilege group [g1] is used by role [r1]' }, ctx);
    const other = statusFailure({ code: 1100, reason: 'role [name:"r1"] does not exist' }, ctx);
    assert.equal(refusedForGrants(hasGrants), true);
    assert.equal(refusedForGrants(other), false);
    assert.equal(refusedAsInUse(groupInUse), true);
    assert.equal(refusedAsInUse(other), false);
    assert.equal(refusedForGrants(new Error('privilege')), false);
  });
});
