import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { rolesDiff } from '../../src/core/rbac/plan';
import {
  ERA,
  ROOT_PASSWORD,
  connectAs,
  connectRoot,
  described,
  refusalText,
  rejectsWith,
  startServer,
} from './helpers';

describe('users', () => {
  let server: RunningTestServer;
  let root: AdminApi;
  before(async () => {
    server = await startServer({ auth: true, seed: { roles: ['reader', 'writer', 'auditor'] } });
    root = await connectRoot(server);
  });
  after(async () => {
    await root.close();
    await server.stop();
  });

  test('createUser, then it is listed with its description, and can log in', async () => {
    await root.createUser('alice', 'alice-pass-1', 'Alice from QA');
    const users = await root.listUsersWithRoles();
    const alice = users.find((u) => u.name === 'alice');
    assert.deepEqual(alice, { name: 'alice', roles: [], ...described('Alice from QA') });
    assert.ok(users.some((u) => u.name === 'root'));
    assert.deepEqual(await root.describeUser('alice'), {
      name: 'alice',
      roles: [],
      ...described('Alice from QA'),
    });
    assert.equal(await root.describeUser('nobody'), undefined);
    const asAlice = await connectAs(server, 'alice', 'alice-pass-1');
    await asAlice.close();
  });

  test('a non-ASCII password round-trips', async () => {
    await root.createUser('uni', 'pä:ss wörd');
    const api = await connectAs(server, 'uni', 'pä:ss wörd');
    await api.close();
    await root.dropUser('uni');
  });

  test('duplicate user → server error with the server text', async () => {
    const e = await rejectsWith(
      root.createUser('alice', 'another-pass'),
      'server',
      /^A user named "alice" already exists/,
      new RegExp(`^${refusalText('user already exists: alice')}$`),
    );
    assert.equal(e.details.code, ERA.merr ? 1100 : 65535);
    assert.equal(e.details.errorCode, 'CreateCredentialFailure');
  });

  test('invalid names and passwords are refused before sending', async () => {
    server.resetRpcCounts();
    await rejectsWith(root.createUser('1bad', 'long-enough'), 'invalidInput', /letter/);
    await rejectsWith(root.createUser('', 'long-enough'), 'invalidInput');
    await rejectsWith(root.createUser('has space', 'long-enough'), 'invalidInput');
    await rejectsWith(root.createUser('bob', 'short'), 'invalidInput', /6/);
    // §3.1: at most 72 bytes from 2.5 on, 256 before.
    const maxBytes = root.ruleProfile === 'milvus-2.4' ? 256 : 72;
    await rejectsWith(root.createUser('bob', 'x'.repeat(maxBytes + 1)), 'invalidInput', new RegExp(String(maxBytes)));
    await rejectsWith(root.updatePassword('alice', 'alice-pass-1', 'tiny'), 'invalidInput');
    await rejectsWith(root.grantRole('9lives', 'reader'), 'invalidInput');
    assert.deepEqual(server.rpcCounts(), {});
  });

  test('a user changes its own password with the old one', async () => {
    await root.createUser('carol', 'carol-pass-1');
    const carol = await connectAs(server, 'carol', 'carol-pass-1');
    await carol.updatePassword('carol', 'carol-pass-1', 'carol-pass-2');
    await carol.close();
    await rejectsWith(connectAs(server, 'carol', 'carol-pass-1'), 'auth');
    const again = await connectAs(server, 'carol', 'carol-pass-2');
    await again.close();
  });

  test('wrong old password → server refusal (1400), old password still valid', async () => {
    const e = await rejectsWith(
      root.updatePassword('carol', 'not-her-password', 'carol-pass-3'),
      'server',
      /current password of carol is not correct/,
      /old password not correct/,
    );
    assert.equal(e.details.code, 1400);
    const api = await connectAs(server, 'carol', 'carol-pass-2');
    await api.close();
  });

  test('reset without the old password by a non-superuser is explained', async () => {
    const e = await rejectsWith(root.updatePassword('carol', undefined, 'carol-pass-3'), 'permission', /superUsers/);
    assert.match(e.details.serverMessage ?? '', /old password not correct/);
  });

  test('dropUser; dropping a missing user succeeds; root cannot be dropped', async () => {
    await root.createUser('dave', 'dave-pass-1');
    await root.dropUser('dave');
    assert.ok(!(await root.listUsersWithRoles()).some((u) => u.name === 'dave'));
    await root.dropUser('dave');
    const e = await rejectsWith(
      root.dropUser('root'),
      'server',
      /root user cannot be dropped/,
      /root user cannot be deleted/,
    );
    assert.equal(e.details.code, 1401);
  });

  test('grantRole / revokeRole and applying a rolesDiff', async () => {
    await root.createUser('erin', 'erin-pass-1');
    await root.grantRole('erin', 'reader');
    await root.grantRole('erin', 'writer');
    let erin = (await root.listUsersWithRoles()).find((u) => u.name === 'erin');
    assert.deepEqual(erin?.roles.sort(), ['reader', 'writer']);

    server.resetRpcCounts();
    const { add, remove } = rolesDiff(erin?.roles ?? [], ['writer', 'auditor']);
    for (const r of add) await root.grantRole('erin', r);
    for (const r of remove) await root.revokeRole('erin', r);
    assert.equal(server.rpcCounts().OperateUserRole, 2, 'only the difference is sent');
    erin = (await root.listUsersWithRoles()).find((u) => u.name === 'erin');
    assert.deepEqual(erin?.roles.sort(), ['auditor', 'writer']);

    await rejectsWith(
      root.grantRole('erin', 'no_such_role'),
      'server',
      /The role does not exist/,
      /not found the role/,
    );
    // UR2: only 2.6.19+ names the user in its text.
    await rejectsWith(root.grantRole('ghost', 'reader'), 'server', ERA.merr ? /ghost/ : /The user does not exist/);
  });

  test('a non-admin user is refused with permission', async () => {
    await root.createUser('frank', 'frank-pass-1');
    const frank = await connectAs(server, 'frank', 'frank-pass-1');
    try {
      const e = await rejectsWith(
        frank.createUser('gina', 'gina-pass-1'),
        'permission',
        /frank lacks the CreateOwnership privilege/,
      );
      assert.match(e.details.serverMessage ?? '', /permission deny to frank/);
      await rejectsWith(frank.listUsersWithRoles(), 'permission', /SelectUser/);
      await rejectsWith(frank.listRolesWithUsers(), 'permission');
      await rejectsWith(frank.dropUser('alice'), 'permission');
      // Self-service: a user reads itself and changes its own password without grants.
      assert.deepEqual((await frank.describeUser('frank'))?.name, 'frank');
      await frank.updatePassword('frank', 'frank-pass-1', 'frank-pass-2');
    } finally {
      await frank.close();
    }
  });
});

describe('superuser password reset', () => {
  test('a superuser resets another password without the old one', async () => {
    const server = await startServer({ auth: true, superUsers: ['root'] });
    try {
      const root = await connectRoot(server);
      await root.createUser('henry', 'henry-pass-1');
      await root.updatePassword('henry', undefined, 'henry-pass-2');
      await root.close();
      const henry = await connectAs(server, 'henry', 'henry-pass-2');
      await henry.close();
      await rejectsWith(connectAs(server, 'henry', 'henry-pass-1'), 'auth');
      // Root still logs in with its own password.
      const again = await connectAs(server, 'root', ROOT_PASSWORD);
      await again.close();
    } finally {
      await server.stop();
    }
  });
});
