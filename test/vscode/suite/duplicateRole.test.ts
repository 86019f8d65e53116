// Duplicate Role in a real VS Code: the copy gets the grants in every database and the description, not the members;
// names are checked before anything is sent; a refusal says what was and was not applied.
import assert from 'node:assert/strict';
import { addConnection, newSecret, rootProfile, startServer } from './extensionHelpers';
import { acceptPicks, COMMANDS, fails, ok, rbacSuite } from './rbacHelpers';

interface Result {
  role: string;
  from: string;
  grants: number;
}

const SEED = {
  roles: ['reader'],
  users: [{ name: 'alice', password: newSecret('Alice'), roles: ['reader'] }],
  databases: ['db1'],
  collections: [{ name: 'books' }],
  privilegeGroups: [{ name: 'readers', privileges: ['Query', 'Search'] }],
  grants: [
    { role: 'reader', privilege: 'Query', objectType: 'Collection' as const, objectName: 'books', dbName: 'default' },
    { role: 'reader', privilege: 'readers', objectType: 'Collection' as const, objectName: '*', dbName: 'db1' },
    { role: 'reader', privilege: 'CreateCollection', dbName: 'db1' },
  ],
};

suite('roles: duplicate', () => {
  const fixture = rbacSuite('Duplicate root', { seed: SEED });
  suiteSetup(() => fixture.read((a) => a.alterRole('reader', 'Reads books')));

  const grantsOf = async (role: string): Promise<string[]> =>
    (await fixture.read((a) => a.listGrants(role))).map((g) => `${g.privilege}@${g.dbName}/${g.objectName}`).sort();

  test('the copy has every grant (all databases) and the description, and no members', async () => {
    const { api, milvus, root, read } = fixture;
    await read((a) => a.features());
    milvus.resetRpcCounts();
    const result = await ok<Result>(api, COMMANDS.duplicateRole, { id: root.id, role: 'reader', newRole: 'reader_eu' });
    assert.deepEqual(result, { role: 'reader_eu', from: 'reader', grants: 3 });
    const counts = milvus.rpcCounts();
    assert.equal(counts.CreateRole, 1);
    assert.equal(counts.OperatePrivilegeV2, 3, 'one grant per copied grant');
    assert.deepEqual(await grantsOf('reader_eu'), await grantsOf('reader'));
    const roles = await read((a) => a.listRolesWithUsers());
    const copy = roles.find((r) => r.name === 'reader_eu');
    assert.equal(copy?.description, 'Reads books');
    assert.deepEqual(copy?.users, [], 'members are not copied');
    assert.ok(api.log.recent().some((line) => /Duplicated role "reader" as "reader_eu" with its 3 grants/.test(line)));
  });

  test('from the palette: the InputBox offers <role>_copy', async () => {
    const { root } = fixture;
    const result = await acceptPicks<Result>(COMMANDS.duplicateRole, { id: root.id, role: 'reader' });
    assert.equal(result?.role, 'reader_copy');
    assert.deepEqual(await grantsOf('reader_copy'), await grantsOf('reader'));
  });

  test('an existing or invalid name, and admin, are refused before anything is sent', async () => {
    const { api, milvus, root } = fixture;
    milvus.resetRpcCounts();
    await fails(
      api,
      COMMANDS.duplicateRole,
      { id: root.id, role: 'reader', newRole: 'reader_eu' },
      /A role named "reader_eu" already exists/,
    );
    await fails(
      api,
      COMMANDS.duplicateRole,
      { id: root.id, role: 'reader', newRole: '1bad' },
      /must start with an ASCII letter/,
    );
    await fails(
      api,
      COMMANDS.duplicateRole,
      { id: root.id, role: 'admin', newRole: 'admin2' },
      /admin has no grants to copy/,
    );
    const counts = milvus.rpcCounts();
    assert.equal((counts.CreateRole ?? 0) + (counts.OperatePrivilegeV2 ?? 0), 0, 'no write reached the server');
  });

  test('a refusal (the role limit) names the step and says nothing was applied', async () => {
    const { api, created } = fixture;
    const { server: full, rootPassword } = await startServer({ maxRoles: 3, seed: SEED });
    const profile = await addConnection(rootProfile(full, 'Duplicate full'), { password: rootPassword });
    created.push(profile.id);
    try {
      const message = await fails(api, COMMANDS.duplicateRole, { id: profile.id, role: 'reader', newRole: 'reader_2' });
      assert.match(
        message,
        /^Duplicating role "reader" as "reader_2" on "Duplicate full" stopped at step 1 of 4 \(create role reader_2\)/,
      );
      assert.match(message, /limit/, "the server's own reason");
      assert.match(message, /Nothing was applied\./);
    } finally {
      await full.stop();
    }
  });
});
