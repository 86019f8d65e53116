// Server credentials for common.security.tlsMode 0 / 1 / 2 (§7). Mode 2 requires and verifies client certificates
// and, like Milvus, accepts TLS 1.3 only.
import * as fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { SecureServerOptions } from 'node:http2';
import type { SecureContextOptions } from 'node:tls';

export interface TlsOptions {
  mode: 0 | 1 | 2;
  certPath?: string;
  keyPath?: string;
  caPath?: string;
}

/** createSsl cannot set a minimum TLS version; the public base-class constructor can. */
class MutualTls13Credentials extends grpc.ServerCredentials {
  constructor(server: SecureServerOptions, context: SecureContextOptions) {
    super(server, context);
  }

  _equals(other: grpc.ServerCredentials): boolean {
    return this === other;
  }
}

export function serverCredentials(tls: TlsOptions | undefined): grpc.ServerCredentials {
  if (!tls || tls.mode === 0) return grpc.ServerCredentials.createInsecure();
  if (!tls.certPath || !tls.keyPath) throw new Error(`TLS mode ${tls.mode} needs a server certificate and key`);
  const cert = fs.readFileSync(tls.certPath);
  const key = fs.readFileSync(tls.keyPath);
  if (tls.mode === 1) return grpc.ServerCredentials.createSsl(null, [{ cert_chain: cert, private_key: key }], false);
  if (!tls.caPath) throw new Error('TLS mode 2 needs a CA certificate to verify clients');
  const ca = fs.readFileSync(tls.caPath);
  if (!ca.toString('utf8').includes('-----BEGIN CERTIFICATE-----')) throw new Error('fail to append ca to cert');
  return new MutualTls13Credentials(
    { requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.3' },
    { ca, cert: [cert], key: [key], minVersion: 'TLSv1.3' },
  );
}
