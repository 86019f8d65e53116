// Builds dist/milvus-rbac-<version>.tgz (npm run package:cli) for the tests that install it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
export const TARBALL = path.join(ROOT, 'dist', `milvus-rbac-${VERSION}.tgz`);

export function buildCliTarball(): string {
  execFileSync(process.execPath, ['scripts/package-cli.js'], { cwd: ROOT, stdio: 'pipe' });
  return TARBALL;
}
