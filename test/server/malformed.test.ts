// Bad input through a raw gRPC client (not the SDK): wrong wire types, missing fields, huge strings, bad base64.
// Decodable requests must get a Milvus Status error (§3.1, §2.1); undecodable bytes get gRPC INTERNAL, as grpc-go
// answers ("grpc: error unmarshalling request"); and the server keeps serving afterwards.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { GRPC, Harness, assertOk, assertStatus, b64, type ExpectedGrpcError } from './helpers';
import { RawMilvus } from './rawMilvus';

const MB = 1024 * 1024;

async function rejectsWith(p: Promise<unknown>, exp: ExpectedGrpcError): Promise<void> {
  await assert.rejects(p, (e: grpc.ServiceError) => {
    assert.equal(e.code, exp.grpcCode, `gRPC code; got ${e.code} ${e.details}`);
    if (exp.details !== undefined) assert.equal(e.details, exp.details);
    return true;
  });
}

describe('malformed requests through a raw gRPC client', () => {
  let h: Harness;
  let raw: RawMilvus;

  before(async () => {
    h = await Harness.start({ auth: true });
    raw = new RawMilvus(h.address);
  });
  after(async () => {
    raw.close();
    await h.close();
  });

  /** The server still answers normally. */
  async function stillServing(): Promise<void> {
    const health = await raw.call('CheckHealth', {});
    assertOk(health);
    assert.equal(health.isHealthy, true);
    const users = await raw.call('ListCredUsers', {});
    assertOk(users);
    assert.ok((users.usernames as string[]).includes('root'));
  }

  test('sanity: the raw client works', async () => {
    await stillServing();
  });

  test('§2.2 an authorization value that is not valid base64 → UNAUTHENTICATED "invalid token format"', async () => {
    await rejectsWith(raw.call('ListCredUsers', {}, RawMilvus.metadata('%%% not base64 %%%')), {
      grpcCode: GRPC.UNAUTHENTICATED,
      details: 'invalid token format',
    });
    await stillServing();
  });

  test('§2.1 CreateCredential with a password that is not base64 → 1100 "decode password fail: …"', async () => {
    assertStatus(await raw.call('CreateCredential', { username: 'b64user', password: '!!!!' }), {
      code: 1100,
      reasonIncludes: 'decode password fail: ',
    });
    // Go's StdEncoding is strict: missing padding is an error too
    assertStatus(await raw.call('CreateCredential', { username: 'b64user', password: 'YWJjZGVmZw' }), {
      code: 1100,
      reasonIncludes: 'decode password fail: ',
    });
    await stillServing();
  });

  test('§2.1 UpdateCredential with a bad old or new password encoding → 1100 "decode old password failed" / "decode password failed"', async () => {
    assertOk(await raw.call('CreateCredential', { username: 'b64upd', password: b64('b64upd-pw') }));
    assertStatus(
      await raw.call('UpdateCredential', { username: 'b64upd', oldPassword: '***', newPassword: b64('new-password') }),
      {
        code: 1100,
        reasonIncludes: 'decode old password failed',
      },
    );
    assertStatus(
      await raw.call('UpdateCredential', { username: 'b64upd', oldPassword: b64('b64upd-pw'), newPassword: '***' }),
      {
        code: 1100,
        reasonIncludes: 'decode password failed',
      },
    );
    await stillServing();
  });

  test('missing fields: empty CreateCredential, CreateRole, OperateUserRole, OperatePrivilege, SelectGrant, OperatePrivilegeV2 → Status errors', async () => {
    assertStatus(await raw.call('CreateCredential', {}), {
      code: 1100,
      error_code: 'IllegalArgument',
      reason: 'username must be not empty: invalid parameter',
    });
    assertStatus(await raw.call('CreateRole', {}), {
      code: 1100,
      reason: 'role name should be not empty: invalid parameter[expected=not empty][actual=]',
    });
    for (const method of [
      'OperateUserRole',
      'OperatePrivilege',
      'SelectGrant',
      'OperatePrivilegeV2',
      'OperatePrivilegeGroup',
      'DropRole',
    ]) {
      const res = await raw.call(method, {});
      const status = (res.status ?? res) as { code?: number; error_code?: string; reason?: string };
      assert.ok(
        status.code !== 0 && status.error_code !== 'Success' && (status.reason ?? '') !== '',
        `${method} {} should fail with a Status, got ${JSON.stringify(status)}`,
      );
    }
    await stillServing();
  });

  test('huge strings: 1 MB username, role name, password and group name → the documented length errors', async () => {
    const big = 'a'.repeat(MB);
    assertStatus(await raw.call('CreateCredential', { username: big, password: b64('password1') }), {
      code: 1100,
      error_code: 'IllegalArgument',
      reasonIncludes: `with length ${MB}, the length of username must be less than 32`,
    });
    assertStatus(await raw.call('CreateRole', { entity: { name: big } }), {
      code: 1100,
      reasonIncludes: `the length of role name must be not greater than limit: invalid parameter[${MB} out of range 0 <= value <= 255]`,
    });
    assertStatus(await raw.call('CreateCredential', { username: 'bigpw', password: b64(big) }), {
      code: 1100,
      error_code: 'IllegalArgument',
      reason: `invalid password length: invalid parameter[${MB} out of range 6 <= value <= 72]`,
    });
    assertStatus(await raw.call('CreatePrivilegeGroup', { group_name: big }), { code: 1402 });
    const sel = await raw.call('SelectUser', { user: { name: big }, include_role_info: true });
    assertStatus(sel, { code: 1100, error_code: 'IllegalArgument' });
    await stillServing();
  });

  test('wrong enum values: OperateUserRole type 99, OperatePrivilege type 5 → Status errors', async () => {
    assertOk(await raw.call('CreateCredential', { username: 'enumuser', password: b64('enumuser-pw') }));
    assertOk(await raw.call('CreateRole', { entity: { name: 'enumrole' } }));
    assertStatus(await raw.call('OperateUserRole', { username: 'enumuser', role_name: 'enumrole', type: 99 }), {
      code: 1100,
      error_code: 'OperateUserRoleFailure',
      reason: 'invalid operate user role type: invalid parameter',
    });
    const res = await raw.call('OperatePrivilege', {
      entity: {
        role: { name: 'enumrole' },
        object: { name: 'Collection' },
        object_name: '*',
        grantor: { privilege: { name: 'Search' } },
      },
      type: 5,
    });
    assert.notEqual((res as { code?: number }).code, 0, JSON.stringify(res));
    await stillServing();
  });

  test('wrong wire type for a known field → treated as an unknown field (protobuf-go), so a Status error', async () => {
    // field 2 (username) with wire type 0 (varint) instead of 2 (length-delimited): username stays empty
    assertStatus(await raw.callBytes('CreateCredential', Buffer.from([0x10, 0x96, 0x01])), {
      code: 1100,
      error_code: 'IllegalArgument',
      reason: 'username must be not empty: invalid parameter',
    });
    await stillServing();
  });

  test('undecodable bytes (truncated field, garbage) → gRPC INTERNAL as grpc-go answers, not a crash', async () => {
    // field 2 declared 100 bytes long, only 3 present (protobuf-go: "unexpected EOF")
    await rejectsWith(raw.callBytes('CreateCredential', Buffer.from([0x12, 0x64, 0x61, 0x62, 0x63])), {
      grpcCode: GRPC.INTERNAL,
    });
    await stillServing();
    // an over-long varint tag
    await rejectsWith(
      raw.callBytes('SelectUser', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])),
      { grpcCode: GRPC.INTERNAL },
    );
    await stillServing();
  });

  test('a string field carrying invalid UTF-8 bytes still gets a Status answer', async () => {
    // CreateCredential{ username: 0xC3 0x28 (invalid UTF-8), password: base64("password1") }
    const pw = Buffer.from(b64('password1'));
    const body = Buffer.concat([Buffer.from([0x12, 0x02, 0xc3, 0x28, 0x1a, pw.length]), pw]);
    try {
      const res = await raw.callBytes('CreateCredential', body);
      assert.notEqual((res as { code?: number }).code, 0, JSON.stringify(res));
    } catch (e) {
      // grpc-go rejects invalid UTF-8 in proto3 strings while unmarshalling: INTERNAL is also faithful
      assert.equal((e as grpc.ServiceError).code, GRPC.INTERNAL);
    }
    await stillServing();
  });

  test('unknown method, or a MilvusService RPC the test server does not implement (Search) → UNIMPLEMENTED; the server keeps serving', async () => {
    await rejectsWith(raw.callBytes('NoSuchMethod', Buffer.alloc(0)), { grpcCode: GRPC.UNIMPLEMENTED });
    await rejectsWith(raw.call('Search', { collection_name: 'c1' }), { grpcCode: GRPC.UNIMPLEMENTED });
    await stillServing();
  });
});
