// The safety net in a real VS Code: a snapshot of the server's model (no password, no hash) is kept in global storage
// before a destructive tree action and before an apply; Show Snapshots lists them per connection; Restore This Snapshot
// is a planned, confirmed apply that brings back what was dropped.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { newSecret } from './extensionHelpers';
import { answer, COMMANDS, ok, rbacSuite, run } from './rbacHelpers';

interface SnapshotInfo {
  file: string;
  takenAt: string;
  reason: string;
}

const password = newSecret('SnapAnn');

suite('rbac snapshots', () => {
  const fixture = rbacSuite('Snapshots root', {
    seed: {
      databases: ['db1'],
      roles: ['temp', 'keep'],
      users: [{ name: 'ann', password, roles: ['temp'] }],
      grants: [
        { role: 'temp', privilege: 'Search', objectType: 'Collection', objectName: 'books', dbName: 'db1' },
        { role: 'keep', privilege: 'Query', objectType: 'Collection', objectName: '*', dbName: 'db1' },
      ],
    },
  });
  const list = (): Promise<SnapshotInfo[]> =>
    ok<SnapshotInfo[]>(fixture.api, COMMANDS.showSnapshots, { id: fixture.root.id, list: true });

  test('no snapshot before anything was changed', async () => {
    assert.deepEqual(await list(), []);
  });

  test('dropping a role (force drop with its grants) keeps a snapshot first, in global storage, without secrets', async () => {
    const { api, root, read, rootPassword } = fixture;
    await ok(api, COMMANDS.dropRole, { id: root.id, role: 'temp', confirm: true, revokeGrants: true });
    const snapshots = await list();
    assert.equal(snapshots.length, 1);
    assert.equal(snapshots[0].reason, 'before dropping role temp');
    assert.ok(snapshots[0].file.startsWith(api.globalStorageUri.fsPath), snapshots[0].file);
    const text = fs.readFileSync(snapshots[0].file, 'utf8');
    const doc = JSON.parse(text) as { roles: { name: string }[]; userRoles: unknown[]; grants: { role: string }[] };
    assert.deepEqual(
      doc.roles.map((r) => r.name),
      ['keep', 'temp'],
    );
    assert.deepEqual(doc.userRoles, [{ user: 'ann', roles: ['temp'] }]);
    assert.ok(doc.grants.some((g) => g.role === 'temp'));
    for (const secret of [password, rootPassword]) assert.ok(!text.includes(secret), 'a password is in the snapshot');
    assert.ok(!/\$2[aby]\$|password|hash/i.test(text), 'a hash or password field is in the snapshot');
    assert.ok(!(await read((a) => a.listRolesWithUsers())).some((r) => r.name === 'temp'));
  });

  test('revoking a grant keeps another; they are listed newest first', async () => {
    const { api, root } = fixture;
    await ok(api, COMMANDS.revokePrivilege, {
      id: root.id,
      role: 'keep',
      privilege: 'Query',
      dbName: 'db1',
      collectionName: '*',
      confirm: true,
    });
    assert.deepEqual(
      (await list()).map((s) => s.reason),
      ['before revoking Query from role keep', 'before dropping role temp'],
    );
  });

  test('Restore This Snapshot is a planned apply: asked first (Cancel sends nothing), then brings the role back', async () => {
    const { api, root, read, milvus } = fixture;
    const beforeDrop = (await list())[1];
    const asked = answer(api, undefined);
    milvus.resetRpcCounts();
    assert.equal(await run(api, COMMANDS.restoreSnapshot, { id: root.id, snapshot: beforeDrop.file }), undefined);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /^Restore 4 changes from ".*\.milvus-rbac\.json" to "Snapshots root"\?/);
    const counts = milvus.rpcCounts();
    assert.equal((counts.CreateRole ?? 0) + (counts.OperatePrivilegeV2 ?? 0) + (counts.OperateUserRole ?? 0), 0);

    answer(api, 'Restore');
    const result = await ok<{ applied: string[] }>(api, COMMANDS.restoreSnapshot, {
      id: root.id,
      snapshot: beforeDrop.file,
    });
    assert.deepEqual(result.applied, [
      'create role temp',
      'grant Query on all collections in db1 to role keep',
      'grant Search on collection db1.books to role temp',
      'bind user ann to role temp',
    ]);
    const roles = await read((a) => a.listRolesWithUsers());
    assert.deepEqual(roles.find((r) => r.name === 'temp')?.users, ['ann']);
    assert.equal((await list())[0].reason, 'before restoring a snapshot');
  });
});
