import assert from 'node:assert/strict';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import { makeCerts, type TestCerts } from '../../fixtures/certs';
import { addConnection, getApi, rejectsWithKind, removeConnection, rootProfile, startServer } from './extensionHelpers';

suite('TLS: one-way and mutual against the test server', () => {
  let api: MilvusAccessManagerApi;
  let certs: TestCerts;
  let oneWay: RunningTestServer;
  let mutual: RunningTestServer;
  let rootPassword: string;
  const created: string[] = [];

  suiteSetup(async () => {
    api = await getApi();
    certs = makeCerts();
    ({ server: oneWay, rootPassword } = await startServer({
      tls: { mode: 1, certPath: certs.serverCert, keyPath: certs.serverKey },
    }));
    ({ server: mutual } = await startServer({
      rootPassword,
      tls: { mode: 2, certPath: certs.serverCert, keyPath: certs.serverKey, caPath: certs.ca },
    }));
  });

  suiteTeardown(async () => {
    for (const id of created) await removeConnection(id);
    await oneWay?.stop();
    await mutual?.stop();
    certs?.remove();
  });

  async function add(name: string, server: RunningTestServer, tls: Record<string, string>): Promise<string> {
    const profile = await addConnection(
      rootProfile(server, name, { uri: `https://${server.address}`, tls: tls as never }),
      { password: rootPassword },
    );
    created.push(profile.id);
    return profile.id;
  }

  test('one-way TLS with the CA connects', async () => {
    const id = await add('TLS one-way', oneWay, { mode: 'oneWay', caPath: certs.ca });
    const admin = await api.connections.connect(id);
    assert.equal(admin.info.tls, 'oneWay');
    const users = await admin.listUsersWithRoles();
    assert.ok(users.some((u) => u.name === 'root'));
  });

  test('one-way TLS without the CA fails with a TLS error', async () => {
    const id = await add('TLS no CA', oneWay, { mode: 'oneWay' });
    await rejectsWithKind(api.connections.connect(id), 'tls');
  });

  test('plain text against a TLS server does not connect', async () => {
    const profile = await addConnection(rootProfile(oneWay, 'TLS plain'), { password: rootPassword });
    created.push(profile.id);
    await assert.rejects(api.connections.connect(profile.id), (e: Error) => e.name === 'MilvusError');
  });

  test('mutual TLS with CA, client certificate and key connects', async () => {
    const id = await add('TLS mutual', mutual, {
      mode: 'mutual',
      caPath: certs.ca,
      certPath: certs.clientCert,
      keyPath: certs.clientKey,
    });
    const admin = await api.connections.connect(id);
    assert.equal(admin.info.tls, 'mutual');
    assert.equal(admin.info.user, 'root');
  });

  test('mutual TLS server refuses a client without a certificate', async () => {
    const id = await add('TLS mutual no cert', mutual, { mode: 'oneWay', caPath: certs.ca });
    await assert.rejects(
      api.connections.connect(id),
      (e: Error & { kind?: string }) => e.name === 'MilvusError' && ['tls', 'unreachable'].includes(e.kind ?? ''),
    );
  });

  test('a missing client key file is reported plainly', async () => {
    const id = await add('TLS bad key', mutual, {
      mode: 'mutual',
      caPath: certs.ca,
      certPath: certs.clientCert,
      keyPath: `${certs.dir}/missing.key`,
    });
    const error = await api.connections.connect(id).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.equal(error?.name, 'MilvusError');
    assert.match(error?.message ?? '', /missing\.key|key/i);
  });
});
