// The checks the UI tests make against the server outside the UI (uiSteps.ts) must be able to fail: canLogIn answers
// false only for refused credentials, and throws for a server that is not there or not ready (issue 21, part 4).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';
import { canLogIn } from './uiSteps';

const ROOT_PASSWORD = 'Checks-root-e2e-1';

async function deadAddress(): Promise<string> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(`127.0.0.1:${port}`));
    });
  });
}

describe('e2e helpers: canLogIn tells a refused login from a failure to ask', () => {
  let server: RunningTestServer;
  before(async () => {
    server = await startMilvusTestServer({ port: 0, auth: true, rootPassword: ROOT_PASSWORD, quiet: true });
  });
  after(async () => {
    await server?.stop();
  });

  test('the right password: true; a wrong one: false', async () => {
    assert.equal(await canLogIn(server.address, 'root', ROOT_PASSWORD), true);
    assert.equal(await canLogIn(server.address, 'root', `${ROOT_PASSWORD}-wrong`), false);
    assert.equal(await canLogIn(server.address, 'nobody', ROOT_PASSWORD), false);
  });

  test('nothing listening: an error, not "cannot log in"', async () => {
    await assert.rejects(canLogIn(await deadAddress(), 'root', ROOT_PASSWORD), {
      name: 'MilvusError',
      kind: 'unreachable',
    });
  });

  test('a server that is still starting: an error, not "cannot log in"', async () => {
    server.setNotReady('starting');
    try {
      await assert.rejects(canLogIn(server.address, 'root', ROOT_PASSWORD), { name: 'MilvusError', kind: 'notReady' });
    } finally {
      server.setNotReady(undefined);
    }
  });
});
