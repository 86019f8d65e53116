// Every facade action against the matrix release (MILVUS_TEST_VERSION; scripts/test.sh runs this suite once per release
// of its matrix): each one works, or, where the release lacks the feature (docs/milvus-behaviour.md §9), is hidden (the
// feature flag is off and the action answers with a sentence), never a raw server or gRPC text.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { MilvusError } from '../../src/core/errors/milvusError';
import { exportRbac } from '../../src/core/rbac/sync';
import { readEveryonesAccess } from '../../src/core/access/read';
import { profileFromVersion } from '../../src/core/rules/profiles';
import { ERA, MATRIX_VERSION, connectAs, connectRoot, described, rejectsWith, startServer } from './helpers';

const HIDDEN = /does not support .+\. It needs a newer Milvus version\.$/;
/** Texts that must never reach a person: the server's raw suffixes and gRPC's own words. */
const RAW = /invalid parameter|UNIMPLEMENTED|rpc error|Deadline|%!|\[reason=/;

/** Resolves where the release has the feature; rejects with the "needs a newer Milvus" sentence where it does not. */
async function worksOrHidden<T>(has: boolean, action: () => Promise<T>): Promise<T | undefined> {
  if (has) return action();
  const e = await rejectsWith(action(), 'unimplemented', HIDDEN);
  assert.doesNotMatch(e.message, RAW);
  return undefined;
}

/** A refusal is a sentence with a remedy, not the server's text. */
function assertSentence(e: MilvusError): void {
  assert.notEqual(e.message, e.details.serverMessage);
  assert.doesNotMatch(e.message, RAW);
}

describe(`every facade action on Milvus ${MATRIX_VERSION}: it works or is hidden`, () => {
  let server: RunningTestServer;
  let root: AdminApi;
  before(async () => {
    server = await startServer({
      auth: true,
      seed: { databases: ['db1'], collections: [{ db: 'db1', name: 'c1' }] },
    });
    root = await connectRoot(server);
  });
  after(async () => {
    await root.close();
    await server.stop();
  });

  test('the connection reports the release and applies its name and password rules', () => {
    assert.equal(root.info.version, MATRIX_VERSION);
    assert.equal(root.ruleProfile, profileFromVersion(MATRIX_VERSION));
  });

  test('§9 features: exactly what the release has', async () => {
    assert.deepEqual(await root.features(), {
      privilegeGroups: ERA.privilegeGroups,
      grantV2: ERA.grantV2,
      descriptions: ERA.descriptions,
      alterRole: ERA.descriptions,
      backupRbac: ERA.backupRbac,
    });
  });

  test('users: create (with a description where there are descriptions), describe, list, password, description, drop', async () => {
    await root.createUser('mona', 'mona-pass-1', 'from the matrix');
    assert.deepEqual(await root.describeUser('mona'), {
      name: 'mona',
      roles: [],
      ...described('from the matrix'),
    });
    assert.ok((await root.listUsersWithRoles()).some((u) => u.name === 'mona'));
    await root.updatePassword('mona', 'mona-pass-1', 'mona-pass-2');
    await (await connectAs(server, 'mona', 'mona-pass-2')).close();
    await worksOrHidden(ERA.descriptions, () => root.updateUserDescription('mona', 'changed'));
    const dup = await rejectsWith(root.createUser('mona', 'mona-pass-3'), 'server', /already exists/);
    assertSentence(dup);
    await root.dropUser('mona');
    assert.equal(await root.describeUser('mona'), undefined);
  });

  test('roles: create, alter (hidden before 2.6.19), bind, unbind, list, drop; a refusal is a sentence', async () => {
    await root.createUser('nico', 'nico-pass-1');
    await root.createRole('matrix_role', 'role of the matrix');
    await worksOrHidden(ERA.descriptions, () => root.alterRole('matrix_role', 'altered'));
    await root.grantRole('nico', 'matrix_role');
    const role = (await root.listRolesWithUsers()).find((r) => r.name === 'matrix_role');
    assert.deepEqual(role?.users, ['nico']);
    await root.revokeRole('nico', 'matrix_role');
    assertSentence(await rejectsWith(root.createRole('matrix_role'), 'server', /already exists/));
    assertSentence(await rejectsWith(root.grantRole('nico', 'no_such_role'), 'server', /does not exist/));
    await root.dropRole('matrix_role');
    await root.dropUser('nico');
  });

  test('grants: a single privilege works everywhere (V2, or V1 before 2.4.18); a built-in group works or is explained', async () => {
    await root.createRole('granted');
    const search = { role: 'granted', privilege: 'Search', dbName: 'db1', collectionName: 'c1' };
    await root.grantPrivilege(search);
    assert.ok(
      (await root.listGrants('granted')).some(
        (g) => g.privilege === 'Search' && g.dbName === 'db1' && g.objectName === 'c1',
      ),
    );
    const group = { role: 'granted', privilege: 'CollectionReadOnly', dbName: 'db1', collectionName: 'c1' };
    if (ERA.grantV2) {
      await root.grantPrivilege(group);
      await root.revokePrivilege(group);
    } else {
      const e = await rejectsWith(root.grantPrivilege(group), 'invalidInput', /old grant API/);
      assertSentence(e);
    }
    // Dropping a role that still has grants: force_drop from 2.4.10 on; before, the refusal explains what to do.
    if (ERA.backupRbac) {
      await root.dropRole('granted', true);
    } else {
      assertSentence(await rejectsWith(root.dropRole('granted', true), 'server', /Revoke its privileges first/));
      await root.revokePrivilege(search);
      await root.dropRole('granted');
    }
  });

  test('privilege groups: create, add, remove, list, drop, or hidden before 2.4.16', async () => {
    await worksOrHidden(ERA.privilegeGroups, () => root.createPrivilegeGroup('matrix_group'));
    await worksOrHidden(ERA.privilegeGroups, () => root.addPrivilegesToGroup('matrix_group', ['Query', 'Search']));
    await worksOrHidden(ERA.privilegeGroups, () => root.removePrivilegesFromGroup('matrix_group', ['Query']));
    const groups = await worksOrHidden(ERA.privilegeGroups, () => root.listPrivilegeGroups());
    if (groups) {
      assert.deepEqual(groups.find((g) => g.name === 'matrix_group')?.privileges, ['Search']);
      // §4.4: the built-in groups are listed from 2.4.18 on.
      assert.equal(
        groups.some((g) => g.builtIn),
        ERA.grantV2,
      );
    }
    await worksOrHidden(ERA.privilegeGroups, () => root.dropPrivilegeGroup('matrix_group'));
  });

  test('databases and collections are listed; access reports and the RBAC export work on every release', async () => {
    assert.deepEqual((await root.listDatabases()).sort(), ['db1', 'default']);
    assert.deepEqual(await root.listCollections('db1'), ['c1']);
    const everyone = await readEveryonesAccess(root);
    assert.ok(everyone.users.some((u) => u.name === 'root'));
    await worksOrHidden(ERA.backupRbac, () => root.backupRbac());
    // Export reads BackupRBAC where there is one, the listings otherwise.
    const file = await exportRbac(root, server.address);
    assert.equal(file.source?.serverVersion, MATRIX_VERSION);
  });
});
