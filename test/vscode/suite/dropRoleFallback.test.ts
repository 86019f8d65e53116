// "Revoke All and Drop" on a server older than 2.4.10, which has no force_drop (docs/milvus-behaviour.md R7, and §2
// DropRoleRequest: the field is proto v2.4.10+): the refusal (R6) leads to revoking each grant, then a plain drop.
import assert from 'node:assert/strict';
import { COMMANDS, ok, rbacSuite } from './rbacHelpers';

suite('roles: revoke-each fallback on a server without force_drop', () => {
  const fixture = rbacSuite('Roles 2.4.9', {
    version: 'v2.4.9',
    seed: {
      roles: ['legacy'],
      databases: ['db1'],
      collections: [{ name: 'books' }],
      grants: [
        { role: 'legacy', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
        { role: 'legacy', privilege: 'CreateCollection', dbName: 'db1' },
        { role: 'legacy', privilege: 'Search', objectType: 'Collection', objectName: '*', dbName: 'db1' },
      ],
    },
  });

  test('the grants are revoked one by one, then the role is dropped', async () => {
    const { api, milvus, root, read } = fixture;
    assert.equal((await read((a) => a.listGrants('legacy'))).length, 3);
    await read((a) => a.features()); // the feature probes send their own OperatePrivilegeV2
    milvus.resetRpcCounts();
    const result = await ok<{ role: string; grants: number; via: string }>(api, COMMANDS.dropRole, {
      id: root.id,
      role: 'legacy',
      confirm: true,
      revokeGrants: true,
    });
    assert.deepEqual(result, { role: 'legacy', grants: 3, via: 'revoke' });
    const counts = milvus.rpcCounts();
    assert.equal(counts.DropRole, 2, 'the refused force drop, then the plain drop');
    assert.equal(
      (counts.OperatePrivilegeV2 ?? 0) + (counts.OperatePrivilege ?? 0),
      3,
      `one revoke per grant: ${JSON.stringify(counts)}`,
    );
    assert.ok(!(await read((a) => a.listRolesWithUsers())).some((r) => r.name === 'legacy'));
    await read((a) => a.createRole('legacy'));
    assert.deepEqual(await read((a) => a.listGrants('legacy')), [], 'no grant outlives the role');
    const log = api.log.recent();
    assert.ok(log.some((line) => /ignored force_drop for "legacy"/.test(line)));
    assert.ok(log.some((line) => /Dropped role "legacy" with its 3 grants \(revoked one by one\)/.test(line)));
  });
});
