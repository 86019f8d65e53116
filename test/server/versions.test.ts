// What an older reported release lacks (docs/milvus-behaviour.md §1.1's RPC table with the proto tag of each RPC, §1.2's
// "Proto 2.5 → 2.6" note on descriptions, R7 and U11's ≤2.6.18 text): its protocol has no such RPC, so the gRPC layer
// answers UNIMPLEMENTED, and request fields it does not know are skipped.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, assertOk, assertStatus, b64, rawCall } from './helpers';
import { RawMilvus } from './rawMilvus';

const UNIMPLEMENTED = 12;

/** The gRPC error of a call, or undefined when it succeeded at the gRPC level. */
async function grpcError(call: Promise<unknown>): Promise<{ code: number; details: string } | undefined> {
  try {
    await call;
    return undefined;
  } catch (e) {
    return e as { code: number; details: string };
  }
}

const PROBES: [string, object][] = [
  ['BackupRBAC', {}],
  ['CreatePrivilegeGroup', { group_name: 'g' }],
  ['ListPrivilegeGroups', {}],
  [
    'OperatePrivilegeV2',
    {
      role: { name: 'public' },
      grantor: { privilege: { name: 'Query' } },
      type: 'Grant',
      db_name: 'default',
      collection_name: '*',
    },
  ],
  ['AlterRole', { role_name: 'r', description: 'd' }],
];

/** Which of PROBES a server of `version` answers with UNIMPLEMENTED. */
async function missingRpcs(version: string): Promise<string[]> {
  const h = await Harness.start({ auth: true, version });
  // Not through the SDK: its retry interceptor turns UNIMPLEMENTED into a resolved {} (sdk-and-keytar.md).
  const raw = new RawMilvus(h.address);
  try {
    const missing: string[] = [];
    for (const [method, body] of PROBES) {
      const e = await grpcError(raw.call(method, body, RawMilvus.metadata(b64(`root:${h.rootPassword}`))));
      if (e?.code === UNIMPLEMENTED) {
        assert.equal(e.details, `unknown method ${method} for service milvus.proto.milvus.MilvusService`);
        missing.push(method);
      }
    }
    return missing;
  } finally {
    raw.close();
    await h.close();
  }
}

describe('older releases (§2 proto tags)', () => {
  test('each RPC exists from its proto tag on: BackupRBAC 2.4.10, groups 2.4.16, OperatePrivilegeV2 2.4.18, AlterRole 2.6.19', async () => {
    assert.deepEqual(await missingRpcs('v2.4.9'), [
      'BackupRBAC',
      'CreatePrivilegeGroup',
      'ListPrivilegeGroups',
      'OperatePrivilegeV2',
      'AlterRole',
    ]);
    assert.deepEqual(await missingRpcs('v2.4.16'), ['OperatePrivilegeV2', 'AlterRole']);
    assert.deepEqual(await missingRpcs('v2.5.17'), ['AlterRole']);
    assert.deepEqual(await missingRpcs('v2.6.18'), ['AlterRole']);
    assert.deepEqual(await missingRpcs('v2.6.19'), []);
  });

  describe('before 2.6.19 there are no descriptions', () => {
    let h: Harness;
    after(() => h.close());

    test('CreateCredential and CreateRole skip the description; U11: an empty new password fails the length check', async () => {
      h = await Harness.start({ auth: true, version: 'v2.6.18' });
      const root = await h.root();
      assertOk(await root.createUser({ username: 'olduser', password: 'oldpassword', description: 'dropped' }));
      assertOk(await root.createRole({ roleName: 'oldrole', description: 'dropped' } as never));
      const user = await root.describeUser({ username: 'olduser' });
      assert.equal((user.results[0] as { description?: string }).description ?? '', '');
      const roles = await rawCall<{ results: { role: { name: string; description?: string } }[] }>(root, 'SelectRole', {
        role: { name: 'oldrole' },
      });
      assert.equal(roles.results[0].role.description ?? '', '');
      const self = await h.as('olduser', 'oldpassword');
      const res = await self.updateUser({
        username: 'olduser',
        oldPassword: 'oldpassword',
        newPassword: '',
        description: 'changed',
      });
      assertStatus(res, { code: 1100, reasonIncludes: 'invalid password length' });
    });
  });
});
