// Changing a password also offers to store it for the other saved connections that log in as that user on that server
// (by password or by a `user:password` token), so they do not fail on their next connect.
import assert from 'node:assert/strict';
import type { ConnectionProfile } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, getApi, newSecret, removeConnection, rootProfile, startServer } from './extensionHelpers';
import { answer, COMMANDS, ok } from './rbacHelpers';

suite('password change: other connections with the same login', () => {
  let api: MilvusAccessManagerApi;
  let milvus: RunningTestServer;
  let other: RunningTestServer;
  let opsPassword: string;
  const devPassword = newSecret('Dev');
  let viaPassword: ConnectionProfile;
  let viaToken: ConnectionProfile;
  let otherServer: ConnectionProfile;
  let otherUser: ConnectionProfile;
  const created: string[] = [];

  suiteSetup(async () => {
    api = await getApi();
    opsPassword = newSecret('Ops');
    ({ server: milvus } = await startServer({
      seed: {
        users: [
          { name: 'ops', password: opsPassword },
          { name: 'dev', password: devPassword },
        ],
      },
    }));
    ({ server: other } = await startServer({ seed: { users: [{ name: 'ops', password: opsPassword }] } }));
    const add = async (
      name: string,
      server: RunningTestServer,
      user: string,
      secret: { password?: string; token?: string },
    ): Promise<ConnectionProfile> => {
      const profile = await addConnection(
        rootProfile(server, name, secret.token ? { auth: 'token', username: undefined } : { username: user }),
        secret,
      );
      created.push(profile.id);
      return profile;
    };
    viaPassword = await add('Ops by password', milvus, 'ops', { password: opsPassword });
    viaToken = await add('Ops by token', milvus, 'ops', { token: `ops:${opsPassword}` });
    otherServer = await add('Ops elsewhere', other, 'ops', { password: opsPassword });
    otherUser = await add('Dev here', milvus, 'dev', { password: devPassword });
  });

  suiteTeardown(async () => {
    api.confirmations.responder = undefined;
    for (const id of created) await removeConnection(id);
    await milvus.stop();
    await other.stop();
  });

  const secretOf = (p: ConnectionProfile): Promise<{ password?: string; token?: string } | undefined> =>
    api.vault.get(p.id, p.sessionOnly);

  test('asked, and on "Update" the token connection gets the new password; other servers and users are left alone', async () => {
    const asked = answer(api, 'Update');
    const next = newSecret('OpsNext');
    await ok(api, COMMANDS.changePassword, {
      id: viaPassword.id,
      user: 'ops',
      oldPassword: opsPassword,
      newPassword: next,
    });
    assert.equal(asked.length, 1);
    assert.match(asked[0], /Another saved connection logs in as ops on this server/);
    assert.match(asked[0], /Ops by token/);
    assert.doesNotMatch(asked[0], /Ops elsewhere|Dev here/);
    assert.ok(!asked[0].includes(next), 'the question never shows the password');
    assert.deepEqual(await secretOf(viaPassword), { password: next });
    assert.deepEqual(await secretOf(viaToken), { token: `ops:${next}` });
    assert.deepEqual(await secretOf(otherServer), { password: opsPassword });
    assert.deepEqual(await secretOf(otherUser), { password: devPassword });
    await ok(api, COMMANDS.testConnection, { id: viaToken.id });
    assert.ok(api.log.recent().some((line) => /for "Ops by token" too/.test(line)));
    opsPassword = next;
  });

  test('dismissed: only the connection the change was made through is updated', async () => {
    const asked = answer(api, undefined);
    const next = newSecret('OpsThird');
    await ok(api, COMMANDS.changePassword, {
      id: viaPassword.id,
      user: 'ops',
      oldPassword: opsPassword,
      newPassword: next,
    });
    assert.equal(asked.length, 1);
    assert.deepEqual(await secretOf(viaPassword), { password: next });
    assert.deepEqual(await secretOf(viaToken), { token: `ops:${opsPassword}` }, 'kept as it was');
    opsPassword = next;
  });

  test('updateOtherConnections: true updates without asking, also when the change is made through the token connection', async () => {
    const asked = answer(api, undefined);
    const next = newSecret('OpsFourth');
    // The dismissal left the token connection stale: give it the current password, then change through it.
    await api.connections.disconnect(viaToken.id);
    await api.vault.store(viaToken.id, { token: `ops:${opsPassword}` }, viaToken.sessionOnly);
    await ok(api, COMMANDS.changePassword, {
      id: viaToken.id,
      user: 'ops',
      oldPassword: opsPassword,
      newPassword: next,
      updateOtherConnections: true,
    });
    assert.equal(asked.length, 0);
    assert.deepEqual(await secretOf(viaToken), { token: `ops:${next}` });
    assert.deepEqual(await secretOf(viaPassword), { password: next });
    await ok(api, COMMANDS.testConnection, { id: viaPassword.id });
  });
});
