// Role and user descriptions (2.6.19+): AlterRole and UpdateCredential with only a description (docs/milvus-behaviour.md R8, U11, §3.1).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { connectAs, connectRoot, rejectsWith, startServer, NEWEST_ONLY } from './helpers';

const ALICE_PASSWORD = 'alice-pass-1';

describe('descriptions on a 2.6.19 server', NEWEST_ONLY, () => {
  let server: RunningTestServer;
  let root: AdminApi;
  before(async () => {
    server = await startServer({
      auth: true,
      seed: {
        roles: [{ name: 'analyst', description: 'reads dashboards' }],
        users: [{ name: 'alice', password: ALICE_PASSWORD, roles: ['analyst'], description: 'Alice from QA' }],
      },
    });
    root = await connectRoot(server);
  });
  after(async () => {
    await root.close();
    await server.stop();
  });

  const roleDescription = async (name: string): Promise<string | undefined> =>
    (await root.listRolesWithUsers()).find((r) => r.name === name)?.description;
  const userDescription = async (name: string): Promise<string | undefined> =>
    (await root.listUsersWithRoles()).find((u) => u.name === name)?.description;

  test('alterRole: one AlterRole, read back through the listing; members kept; an empty text clears it', async () => {
    server.resetRpcCounts();
    await root.alterRole('analyst', 'reads and exports dashboards');
    assert.equal(server.rpcCounts().AlterRole, 1);
    assert.deepEqual(
      (await root.listRolesWithUsers()).find((r) => r.name === 'analyst'),
      { name: 'analyst', users: ['alice'], description: 'reads and exports dashboards' },
    );
    await root.alterRole('analyst', '');
    assert.equal(await roleDescription('analyst'), undefined);
  });

  test('updateUserDescription: only the description changes (U11); roles and password are kept', async () => {
    server.resetRpcCounts();
    await root.updateUserDescription('alice', 'Alice, now in ops');
    assert.equal(server.rpcCounts().UpdateCredential, 1);
    assert.deepEqual(await root.describeUser('alice'), {
      name: 'alice',
      roles: ['analyst'],
      description: 'Alice, now in ops',
    });
    const alice = await connectAs(server, 'alice', ALICE_PASSWORD);
    await alice.close();
    await root.updateUserDescription('alice', '');
    assert.equal(await userDescription('alice'), undefined);
  });

  test('a user without privileges edits its own description (self-service on the User object)', async () => {
    const alice = await connectAs(server, 'alice', ALICE_PASSWORD);
    try {
      await alice.updateUserDescription('alice', 'written by alice');
      assert.equal((await alice.describeUser('alice'))?.description, 'written by alice');
    } finally {
      await alice.close();
    }
  });

  test('1024 bytes are accepted; one byte more is refused before anything is sent', async () => {
    const fits = 'é'.repeat(512); // 2 bytes each
    await root.alterRole('analyst', fits);
    await root.updateUserDescription('alice', fits);
    assert.equal(await roleDescription('analyst'), fits);
    assert.equal(await userDescription('alice'), fits);

    server.resetRpcCounts();
    const tooLong = `${fits}x`;
    await rejectsWith(root.alterRole('analyst', tooLong), 'invalidInput', /at most 1024 bytes; this one is 1025/);
    await rejectsWith(
      root.updateUserDescription('alice', tooLong),
      'invalidInput',
      /user description can be at most 1024 bytes/,
    );
    assert.deepEqual(server.rpcCounts(), {});
    assert.equal(await roleDescription('analyst'), fits);
  });

  test('admin and public cannot be altered (R8): a sentence, with the server text kept', async () => {
    for (const role of ['admin', 'public']) {
      const e = await rejectsWith(root.alterRole(role, 'mine now'), 'server');
      assert.equal(e.details.code, 1401);
      assert.equal(e.message, `"${role}" is a built-in role: the server does not let it be altered.`);
      assert.match(
        e.details.serverMessage ?? '',
        new RegExp(`the role\\[${role}\\] is a default role, which can't be altered`),
      );
    }
    assert.equal(await roleDescription('admin'), undefined);
  });

  test('a missing role or user: the server says so', async () => {
    await rejectsWith(root.alterRole('never_was', 'x'), 'server', /The role does not exist/, /role not exists/);
    await rejectsWith(root.updateUserDescription('nobody', 'x'), 'server', /The user does not exist/, /user not found/);
  });

  test('an empty user name is refused before sending', async () => {
    server.resetRpcCounts();
    await rejectsWith(root.updateUserDescription('  ', 'x'), 'invalidInput');
    assert.deepEqual(server.rpcCounts(), {});
  });
});

describe('descriptions on a server before 2.6.19 (its protocol has no AlterRole: UNIMPLEMENTED)', NEWEST_ONLY, () => {
  let server: RunningTestServer;
  before(async () => {
    server = await startServer({
      auth: true,
      version: 'v2.6.18',
      seed: { roles: ['analyst'], users: [{ name: 'alice', password: ALICE_PASSWORD }] },
    });
  });
  after(async () => {
    await server.stop();
  });

  test('alterRole is reported unsupported, then both features are off and nothing more is sent', async () => {
    const api = await connectRoot(server);
    try {
      server.resetRpcCounts();
      await rejectsWith(api.alterRole('analyst', 'x'), 'unimplemented', /does not support AlterRole/);
      const features = await api.features();
      assert.equal(features.alterRole, false);
      assert.equal(features.descriptions, false);
      await rejectsWith(api.alterRole('analyst', 'y'), 'unimplemented');
      await rejectsWith(api.updateUserDescription('alice', 'y'), 'unimplemented', /does not support user descriptions/);
      const counts = server.rpcCounts();
      assert.equal(counts.AlterRole, 1, 'only the first, refused call');
      assert.equal(counts.UpdateCredential, undefined, 'an empty new password is never sent to an old server');
    } finally {
      await api.close();
    }
  });

  test('updateUserDescription first: the AlterRole probe decides, and UpdateCredential is not sent', async () => {
    const api = await connectRoot(server);
    try {
      server.resetRpcCounts();
      await rejectsWith(api.updateUserDescription('alice', 'x'), 'unimplemented', /user descriptions/);
      assert.deepEqual(server.rpcCounts(), { AlterRole: 1 });
      assert.equal((await api.features()).descriptions, false);
      assert.equal((await api.describeUser('alice'))?.description, undefined);
    } finally {
      await api.close();
    }
  });
});
