// Secrets handed from one process to another travel in a file only its owner can read (mode 600), never in argv
// (visible in `ps`) or in the environment of a process that starts user shells (every terminal would inherit it).
import fs from 'node:fs';

/** Reads a secret from `file`: refuses a file that others may read; drops one trailing newline. Errors never hold the secret. */
export function readSecretFile(file: string): string {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new Error(`${file} is not a file`);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new Error(
      `${file} may be read by other users (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 on it`,
    );
  }
  const secret = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (!secret) throw new Error(`${file} is empty`);
  return secret;
}
