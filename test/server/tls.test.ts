// TLS modes of docs/milvus-behaviour.md §7, with certificates generated for this run (test/fixtures/certs.ts).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as tls from 'node:tls';
import { GRPC, Harness, assertGrpcError, assertOk } from './helpers';
import { makeCerts, type TestCerts } from '../fixtures/certs';

const NO_RETRY = { maxRetries: 0, timeout: 5000 };

describe('§7 TLS', () => {
  let certs: TestCerts;
  before(() => {
    certs = makeCerts();
  });
  after(() => certs.remove());

  describe('mode 1 (one-way)', () => {
    let h: Harness;
    before(async () => {
      h = await Harness.start({ auth: true, tls: { mode: 1, certPath: certs.serverCert, keyPath: certs.serverKey } });
    });
    after(() => h.close());

    test('§7 a client trusting the CA connects and authenticates', async () => {
      const c = await h.as('root', 'Milvus', { tls: { rootCertPath: certs.ca } });
      assertOk(await c.listUsers());
    });

    test('§7 the certificate matches localhost too (SAN DNS:localhost)', async () => {
      const c = await h.as('root', 'Milvus', {
        address: `localhost:${h.server.port}`,
        tls: { rootCertPath: certs.ca },
      });
      assertOk(await c.listUsers());
    });

    test("§7 a client that does not trust the server's CA is refused", async () => {
      await assertGrpcError(h.as('root', 'Milvus', { ...NO_RETRY, tls: { rootCertPath: certs.otherCa } }), {
        grpcCode: GRPC.UNAVAILABLE,
      });
    });

    test('§7 a plaintext client to a TLS server fails', async () => {
      await assertGrpcError(h.as('root', 'Milvus', NO_RETRY), { grpcCode: GRPC.UNAVAILABLE });
    });

    test('§7 a client certificate is not required in mode 1', async () => {
      const c = await h.as('root', 'Milvus', { tls: { rootCertPath: certs.ca } });
      assertOk(await c.checkHealth());
    });
  });

  describe('mode 2 (mutual)', () => {
    let h: Harness;
    before(async () => {
      h = await Harness.start({
        auth: true,
        tls: { mode: 2, certPath: certs.serverCert, keyPath: certs.serverKey, caPath: certs.ca },
      });
    });
    after(() => h.close());

    test('§7 a client presenting a certificate signed by the CA connects', async () => {
      const c = await h.as('root', 'Milvus', {
        tls: { rootCertPath: certs.ca, certChainPath: certs.clientCert, privateKeyPath: certs.clientKey },
      });
      assertOk(await c.listUsers());
    });

    test('§7 a client without a certificate is refused', async () => {
      await assertGrpcError(h.as('root', 'Milvus', { ...NO_RETRY, tls: { rootCertPath: certs.ca } }), {
        grpcCode: GRPC.UNAVAILABLE,
      });
    });

    test('§7 a plaintext client is refused', async () => {
      await assertGrpcError(h.as('root', 'Milvus', NO_RETRY), { grpcCode: GRPC.UNAVAILABLE });
    });

    test('§7 mode 2 requires TLS 1.3: a TLS 1.2 handshake fails, TLS 1.3 succeeds', async () => {
      const handshake = (maxVersion: tls.SecureVersion): Promise<string> =>
        new Promise((resolve, reject) => {
          const socket = tls.connect({
            host: '127.0.0.1',
            port: h.server.port,
            servername: 'localhost',
            ca: fs.readFileSync(certs.ca),
            cert: fs.readFileSync(certs.clientCert),
            key: fs.readFileSync(certs.clientKey),
            maxVersion,
            ALPNProtocols: ['h2'],
          });
          socket.once('secureConnect', () => {
            const v = socket.getProtocol() ?? '';
            socket.destroy();
            resolve(v);
          });
          socket.once('error', (e) => {
            socket.destroy();
            reject(e);
          });
        });
      assert.equal(await handshake('TLSv1.3'), 'TLSv1.3');
      await assert.rejects(handshake('TLSv1.2'));
    });
  });

  describe('mode 0', () => {
    test('§7 mode 0 is plaintext', async () => {
      const h = await Harness.start({ tls: { mode: 0 } });
      try {
        assertOk(await (await h.connect()).listUsers());
      } finally {
        await h.close();
      }
    });
  });
});
