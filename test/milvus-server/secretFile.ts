// `--root-password-file`: the root password travels in a file only its owner may read (mode 600), never in argv.
import fs from 'node:fs';

/** Reads the secret; refuses a file others may read; drops one trailing newline. Errors never hold the secret. */
export function readSecretFile(file: string): string {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new Error(`${file} is not a file`);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new Error(`${file} may be read by other users (mode ${(stat.mode & 0o777).toString(8)}); chmod 600 it`);
  }
  const secret = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (!secret) throw new Error(`${file} is empty`);
  return secret;
}
