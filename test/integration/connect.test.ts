import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeCerts, type TestCerts } from '../fixtures/certs';
import type { RunningTestServer } from '../milvus-server';
import { connectMilvus } from '../../src/core/milvus/connect';
import { profileFromVersion } from '../../src/core/rules/profiles';
import {
  MATRIX_VERSION,
  ROOT_PASSWORD,
  connectAs,
  connectRoot,
  deadPort,
  profileFor,
  rejectsWith,
  startServer,
  watchUnhandledRejections,
} from './helpers';

describe('connectMilvus against a server with authentication', () => {
  let server: RunningTestServer;
  before(async () => {
    server = await startServer({ auth: true, seed: { databases: ['db1'] } });
  });
  after(async () => {
    await server.stop();
  });

  test('connects as root and reports version, user, database and TLS', async () => {
    const api = await connectRoot(server);
    try {
      assert.equal(api.info.version, MATRIX_VERSION);
      assert.equal(api.info.user, 'root');
      assert.equal(api.info.database, 'default');
      assert.equal(api.info.tls, 'off');
      assert.equal(api.ruleProfile, profileFromVersion(MATRIX_VERSION));
    } finally {
      await api.close();
    }
  });

  test('Connect then GetVersion, and no telemetry heartbeat', async () => {
    server.resetRpcCounts();
    const api = await connectRoot(server);
    await api.close();
    const counts = server.rpcCounts();
    assert.equal(counts.Connect, 1);
    assert.equal(counts.GetVersion, 1);
    assert.equal(counts.ClientHeartbeat, undefined);
  });

  test('connects to another database given in the profile or the URI', async () => {
    const api = await connectRoot(server, { database: 'db1' });
    assert.equal(api.info.database, 'db1');
    await api.close();
    const viaUri = await connectMilvus(
      profileFor(server, { uri: `http://root@${server.address}/db1`, database: '', username: '' }),
      {
        password: ROOT_PASSWORD,
      },
    );
    assert.equal(viaUri.info.database, 'db1');
    assert.equal(viaUri.info.user, 'root');
    await viaUri.close();
  });

  test('a token "user:password" works like a password', async () => {
    const api = await connectMilvus(profileFor(server, { auth: 'token', username: undefined }), {
      token: `root:${ROOT_PASSWORD}`,
    });
    assert.equal(api.info.user, 'root', "the login user is the token's user part");
    assert.ok((await api.listUsersWithRoles()).some((u) => u.name === 'root'));
    await api.close();
  });

  test('a token the server does not know → auth "token was refused"', async () => {
    const token = 'sk-not-a-real-api-key';
    const e = await rejectsWith(
      connectMilvus(profileFor(server, { auth: 'token', username: undefined }), { token }),
      'auth',
      /token was refused/,
    );
    assert.match(e.details.serverMessage ?? '', /api key/);
    assert.ok(!JSON.stringify({ m: e.message, d: e.details }).includes(token));
  });

  test('wrong password → auth, a message naming user@address, no password, no unhandled rejection', async () => {
    const watch = watchUnhandledRejections();
    const password = 'Wr0ng-Passw0rd!';
    const e = await rejectsWith(connectAs(server, 'root', password), 'auth');
    assert.equal(
      e.message,
      `Wrong username or password for root@${server.address}. Edit the connection to fix the credentials.`,
    );
    assert.match(e.details.serverMessage ?? '', /auth check failure/);
    assert.equal(e.details.grpcCode, 16);
    assert.ok(!JSON.stringify({ m: e.message, d: e.details }).includes(password));
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(watch.stop(), []);
  });

  test('no credentials against an authenticating server → auth "requires authentication"', async () => {
    await rejectsWith(
      connectMilvus(profileFor(server, { auth: 'none', username: undefined }), undefined),
      'auth',
      /requires authentication/,
    );
  });

  test('a password profile without a stored password is refused before sending', async () => {
    server.resetRpcCounts();
    await rejectsWith(connectMilvus(profileFor(server), undefined), 'invalidInput', /No password is stored for root/);
    assert.deepEqual(server.rpcCounts(), {});
  });

  test('unknown database → databaseNotFound naming it', async () => {
    const e = await rejectsWith(
      connectRoot(server, { database: 'nope' }),
      'databaseNotFound',
      /Database "nope" does not exist/,
    );
    assert.equal(e.details.code, 800);
  });

  test('latency above the timeout → timeout', async () => {
    server.setLatency(800);
    try {
      await rejectsWith(connectAs(server, 'root', ROOT_PASSWORD, {}, 300), 'timeout', /did not answer within 300 ms/);
    } finally {
      server.setLatency(0);
    }
  });

  test('a call on an open connection that exceeds the timeout → timeout', async () => {
    // The connect runs under the same timeout, so it must be wide enough for a loaded machine (400 ms was not: the
    // channel's name resolution alone took 200 ms at load 10); the call then waits three times as long.
    const api = await connectAs(server, 'root', ROOT_PASSWORD, {}, 2000);
    server.setLatency(6000);
    try {
      await rejectsWith(api.listUsersWithRoles(), 'timeout');
    } finally {
      server.setLatency(0);
      await api.close();
    }
  });

  test('transient UNAVAILABLE answers are retried by the SDK', async () => {
    const api = await connectRoot(server);
    server.failNext(2, 14);
    assert.ok((await api.listRolesWithUsers()).length >= 2);
    await api.close();
  });

  test('after close() calls reject without reaching the server', async () => {
    const api = await connectRoot(server);
    await api.close();
    server.resetRpcCounts();
    await rejectsWith(api.listUsersWithRoles(), 'unreachable', /closed/);
    assert.deepEqual(server.rpcCounts(), {});
    await api.close();
  });

  test('a malformed URI → invalidInput', async () => {
    await rejectsWith(
      connectMilvus(profileFor(server, { uri: 'ftp://x' }), { password: 'x' }),
      'invalidInput',
      /http:\/\//,
    );
  });
});

describe('connectMilvus when nothing listens', () => {
  test('dead port → unreachable, quickly, without unhandled rejections', async () => {
    const watch = watchUnhandledRejections();
    const port = await deadPort();
    const started = Date.now();
    const e = await rejectsWith(
      connectAs({ address: `127.0.0.1:${port}` }, 'root', ROOT_PASSWORD),
      'unreachable',
      new RegExp(`^Cannot reach Milvus at 127\\.0\\.0\\.1:${port}\\.`),
    );
    assert.equal(e.details.grpcCode, 14);
    assert.ok(Date.now() - started < 5000);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(watch.stop(), []);
  });
});

describe('connectMilvus against a server with authentication off', () => {
  test('auth "none" connects, and grants still record a grantor', async () => {
    const server = await startServer({ auth: false });
    try {
      const api = await connectMilvus(profileFor(server, { auth: 'none', username: undefined }), undefined);
      assert.equal(api.info.user, undefined);
      await api.createRole('noauth_role');
      await api.grantPrivilege({ role: 'noauth_role', privilege: 'Search', dbName: 'default', collectionName: '*' });
      const grants = await api.listGrants('noauth_role');
      assert.equal(grants.length, 1);
      assert.equal(grants[0].grantor, 'root');
      await api.close();
    } finally {
      await server.stop();
    }
  });
});

describe('TLS', () => {
  let certs: TestCerts;
  before(() => {
    certs = makeCerts();
  });
  after(() => {
    certs.remove();
  });

  test('one-way TLS with the CA file', async () => {
    const server = await startServer({
      auth: true,
      tls: { mode: 1, certPath: certs.serverCert, keyPath: certs.serverKey },
    });
    try {
      const api = await connectRoot(server, { tls: { mode: 'oneWay', caPath: certs.ca } });
      assert.equal(api.info.tls, 'oneWay');
      assert.ok((await api.listUsersWithRoles()).length >= 1);
      await api.close();

      const viaName = await connectRoot(server, {
        uri: `https://localhost:${server.port}`,
        tls: { mode: 'oneWay', caPath: certs.ca, serverName: 'localhost' },
      });
      await viaName.close();

      await rejectsWith(
        connectRoot(server, { tls: { mode: 'oneWay', caPath: certs.otherCa } }),
        'tls',
        /^The TLS handshake with Milvus at 127\.0\.0\.1:\d+ failed \(unable to verify the first certificate\)\. .*select the CA file/,
      );
      await rejectsWith(
        connectRoot(server, { tls: { mode: 'oneWay', caPath: certs.ca, serverName: 'wrong.example.com' } }),
        'tls',
        /wrong\.example\.com.*enter the certificate's host name as the server name/,
      );
      // A plaintext client gets no answer it can tell from a dead server, so the message mentions the TLS setting.
      await rejectsWith(connectRoot(server), 'unreachable', /TLS setting/);
    } finally {
      await server.stop();
    }
  });

  test('mutual TLS with client certificate and key', async () => {
    const server = await startServer({
      auth: true,
      tls: { mode: 2, certPath: certs.serverCert, keyPath: certs.serverKey, caPath: certs.ca },
    });
    try {
      const api = await connectRoot(server, {
        tls: { mode: 'mutual', caPath: certs.ca, certPath: certs.clientCert, keyPath: certs.clientKey },
      });
      assert.equal(api.info.tls, 'mutual');
      assert.ok((await api.listRolesWithUsers()).some((r) => r.name === 'admin'));
      await api.close();

      // Without a client certificate the server ends the handshake.
      await rejectsWith(
        connectRoot(server, { tls: { mode: 'oneWay', caPath: certs.ca } }),
        'tls',
        /requires a client certificate/,
      );
    } finally {
      await server.stop();
    }
  });

  test('TLS towards a plaintext server → tls "does not speak TLS"', async () => {
    const server = await startServer({ auth: true });
    try {
      await rejectsWith(
        connectRoot(server, { tls: { mode: 'oneWay', caPath: certs.ca } }),
        'tls',
        /does not speak TLS on this port/,
      );
    } finally {
      await server.stop();
    }
  });

  test('a missing CA file → tls naming the file, nothing sent', async () => {
    const server = await startServer({ auth: true });
    try {
      server.resetRpcCounts();
      const missing = join(certs.dir, 'no-such-ca.pem');
      const e = await rejectsWith(connectRoot(server, { tls: { mode: 'oneWay', caPath: missing } }), 'tls');
      assert.ok(e.message.includes(missing));
      assert.match(e.message, /CA certificate file .* does not exist/);
      await rejectsWith(
        connectRoot(server, {
          tls: { mode: 'mutual', caPath: certs.ca, certPath: certs.clientCert, keyPath: join(certs.dir, 'nokey.pem') },
        }),
        'tls',
        /client key file .*nokey\.pem" does not exist/,
      );
      await rejectsWith(
        connectRoot(server, { tls: { mode: 'mutual', caPath: certs.ca } }),
        'tls',
        /client certificate file and a client key/,
      );
      await rejectsWith(connectRoot(server, { tls: { mode: 'oneWay', caPath: certs.dir } }), 'tls', /is not a file/);
      assert.deepEqual(server.rpcCounts(), {});
    } finally {
      await server.stop();
    }
  });
});
