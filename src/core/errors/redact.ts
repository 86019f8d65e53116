// The one rule for keeping secrets out of texts: the log, error messages and what a form shows.
import { b64 } from '../milvus/wire';

/** What a secret becomes in any text. */
export const REDACTED = '***';

/**
 * Secrets shorter than this many characters (code points, so "pässwörd" counts 8) are left alone: masking one or two
 * characters would garble every sentence, and Milvus accepts no password that short (6 at least).
 */
export const MIN_SECRET_CHARS = 3;

/** Whether `redact` masks this secret. */
export function isMaskable(secret: string | undefined): secret is string {
  return secret !== undefined && [...secret].length >= MIN_SECRET_CHARS;
}

/**
 * Replaces every occurrence of each secret, and of its base64 form (as gRPC metadata carries it), with `REDACTED`.
 * Longer forms go first, so a secret that contains another one is masked whole.
 */
export function redact(text: string, secrets: Iterable<string | undefined> | undefined): string {
  const forms = new Set<string>();
  for (const secret of secrets ?? []) {
    if (isMaskable(secret)) forms.add(secret).add(b64(secret));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  return out;
}

/** The secrets of a connection as the SDK sends them: each alone, and `username:password` (basic authentication). */
export function secretVariants(
  username: string | undefined,
  password: string | undefined,
  token: string | undefined,
): string[] {
  const out: string[] = [];
  if (password) out.push(password);
  if (password && username) out.push(`${username}:${password}`);
  if (token) out.push(token);
  return out;
}
