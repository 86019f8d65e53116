// What the package tests share: the CLI tarball (npm run package:cli), one RBAC file and a Milvus test server for it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';

export const ROOT = path.resolve(__dirname, '../../..');
export const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
export const TARBALL = path.join(ROOT, 'dist', `milvus-rbac-${VERSION}.tgz`);

/** Builds dist/milvus-rbac-<version>.tgz and returns its path. */
export function buildCliTarball(): string {
  execFileSync(process.execPath, ['scripts/package-cli.js'], { cwd: ROOT, stdio: 'pipe' });
  return TARBALL;
}

/** A role `reader` with Query on default.books, held by ann: three steps to add on the server below. */
export const RBAC_FILE = {
  format: 'milvus-access-manager/rbac',
  version: 1,
  exportedAt: '2026-01-02T03:04:05.000Z',
  source: { address: 'http://staging:19530', serverVersion: 'v2.6.19' },
  roles: [{ name: 'reader' }],
  privilegeGroups: [],
  grants: [{ role: 'reader', privilege: 'Query', dbName: 'default', collectionName: 'books' }],
  userRoles: [{ user: 'ann', roles: ['reader'] }],
};

/** A 2.6.19 server with auth on, the user ann and the collection default.books. */
export function startPackageServer(rootPassword: string): Promise<RunningTestServer> {
  return startMilvusTestServer({
    host: '127.0.0.1',
    port: 0,
    quiet: true,
    version: 'v2.6.19',
    auth: true,
    rootPassword,
    seed: {
      users: [{ name: 'ann', password: 'Ann-pass-1', roles: [] }],
      collections: [{ name: 'books', db: 'default' }],
    },
  });
}
