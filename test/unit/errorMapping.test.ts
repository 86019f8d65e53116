import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MilvusError, withRawText } from '../../src/core/errors';
import {
  healthCheckFailure,
  isUnimplementedResponse,
  secretVariants,
  statusFailure,
  toMilvusError,
  type ErrorContext,
} from '../../src/core/errorMapping';
import { errorText } from '../../src/webview/errorText';

const PASSWORD = 'Pa55:w0rd-ünïcode';
const ctx: ErrorContext = {
  address: '127.0.0.1:19530',
  user: 'alice',
  authMode: 'password',
  database: 'default',
  timeoutMs: 1500,
  secrets: secretVariants('alice', PASSWORD, undefined),
};

/** The shape of a grpc-js ServiceError. */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} X: ${details}`), { code, details, metadata: {} });
}

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
    assert.equal(e.message, 'Wrong username or password for alice@127.0.0.1:19530. Edit the connection to fix the credentials.');
    assert.equal(e.details.serverMessage, 'auth check failure, please check username and password are correct');
    assert.equal(e.details.grpcCode, 16);
    const asked = toMilvusError(grpcError(16, 'auth check failure, please check username and password are correct'), { ...ctx, askedSecret: true });
    assert.equal(asked.message, 'Wrong username or password for alice@127.0.0.1:19530. Connect again to enter the password.');
  });
  test('16 without credentials or with a token', () => {
    assert.match(toMilvusError(grpcError(16, 'missing authorization in header'), { ...ctx, authMode: 'none' }).message, /requires authentication/);
    assert.match(toMilvusError(grpcError(16, 'auth check failure'), { ...ctx, authMode: 'token' }).message, /token was refused/);
  });
  test('14 → unreachable', () => {
    const e = toMilvusError(grpcError(14, 'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:19530'), ctx);
    assert.equal(e.kind, 'unreachable');
    assert.match(e.message, /^Cannot reach Milvus at 127\.0\.0\.1:19530\. Check that the server is running/);
  });
  test('14 with a certificate problem → tls', () => {
    const e = toMilvusError(grpcError(14, 'No connection established. Last error: Error: self-signed certificate in certificate chain'), ctx);
    assert.equal(e.kind, 'tls');
    assert.match(e.message, /self-signed certificate in certificate chain/);
    assert.match(e.message, /not signed by a trusted CA/);
  });
  test('OpenSSL noise is reduced to the reason, with advice', () => {
    const raw = 'No connection established. Last error: 80AC31A36F7F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 116\n (2026-11-23T10:51:38.979Z). Resolution note: ';
    const e = toMilvusError(grpcError(14, raw), ctx);
    assert.equal(e.kind, 'tls');
    assert.equal(
      e.message,
      'The TLS handshake with Milvus at 127.0.0.1:19530 failed (tlsv13 alert certificate required). The server requires a client certificate: choose mutual TLS and give the client certificate and key.',
    );
    assert.equal(e.details.transportMessage, raw, 'the raw text is kept for the log');
    assert.equal(e.details.serverMessage, undefined, 'not offered as the server\'s words');
    const plain = toMilvusError(grpcError(14, 'No connection established. Last error: Error: 80AC:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../x.c:350:\n. Resolution note: '), ctx);
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
      assert.doesNotMatch(errorText(e), /Resolution note|No connection established|UNAVAILABLE|Deadline exceeded|LB pick/);
      assert.match(withRawText(e.message, e), /\[(No connection established|Deadline exceeded)/);
    }
    assert.equal(texts[2].message, texts[0].message);
  });
  test('a failed health check is "unreachable" even when it timed out', () => {
    const e = healthCheckFailure(grpcError(4, 'Deadline exceeded after 1.5s'), 1500, ctx);
    assert.equal(e.kind, 'unreachable');
    assert.equal(e.message, 'Milvus at 127.0.0.1:19530 did not answer a health check within 1500 ms. Check that the server is running and reachable, then refresh.');
    assert.equal(healthCheckFailure(grpcError(16, 'auth check failure'), 1500, ctx).kind, 'auth');
  });
    test('4 → timeout naming the deadline', () => {
    const e = toMilvusError(grpcError(4, 'Deadline exceeded after 1.5s'), ctx);
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /within 1500 ms/);
  });
  test('7 → permission, with the privilege spelled out', () => {
    const e = toMilvusError(grpcError(7, 'PrivilegeCreateOwnership: permission deny to bob in the `default` database'), ctx);
    assert.equal(e.kind, 'permission');
    assert.equal(e.message, 'bob lacks the CreateOwnership privilege in database "default". Ask an administrator to grant it, or connect as a user who has it.');
    assert.equal(e.details.serverMessage, 'PrivilegeCreateOwnership: permission deny to bob in the `default` database');
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
    const fsError = Object.assign(new Error("ENOENT: no such file or directory, open '/x/ca.pem'"), { code: 'ENOENT', path: '/x/ca.pem' });
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
  test('the server text is the message, as is', () => {
    const e = statusFailure({ status: { error_code: 'CreateCredentialFailure', code: 1100, reason: 'user already exists: bob: invalid parameter' } }, ctx);
    assert.equal(e?.message, 'user already exists: bob: invalid parameter');
    assert.equal(e?.details.serverMessage, 'user already exists: bob: invalid parameter');
    assert.equal(e?.details.code, 1100);
    assert.equal(e?.details.errorCode, 'CreateCredentialFailure');
  });
  test('code 800 → databaseNotFound naming the database', () => {
    const e = statusFailure({ status: { error_code: 'UnexpectedError', code: 800, reason: 'database not found[database=nope]' } }, ctx);
    assert.equal(e?.kind, 'databaseNotFound');
    assert.match(e?.message ?? '', /Database "nope" does not exist on Milvus at 127\.0\.0\.1:19530\. Edit the connection/);
  });
  test('PermissionDenied status → permission', () => {
    assert.equal(statusFailure({ error_code: 'PermissionDenied', code: 65535, reason: 'no' }, ctx)?.kind, 'permission');
  });
  test('an empty reason still gives a sentence', () => {
    assert.match(statusFailure({ error_code: 'UnexpectedError', code: 65535, reason: '' }, ctx)?.message ?? '', /code 65535/);
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
    const e = statusFailure({ error_code: 'UpdateCredentialFailure', code: 1100, reason: `bad password ${PASSWORD}` }, ctx);
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
    const e = toMilvusError(grpcError(16, `bad token ${token} / ${b64(token)}`), { ...ctx, authMode: 'token', secrets: secretVariants(undefined, undefined, token) });
    assertNoSecret(e, [token, b64(token)]);
  });
});
