// Secrets scrubbed out of texts that come from outside (server, gRPC, SDK) before they reach a message or the log.
import { b64 } from './milvusWire';

const REDACTED = '***';

// Texts from outside (server, gRPC, SDK) are scrubbed when read, before they go into a message. Our own sentences are
// not scrubbed, so a password such as "Milvus" cannot mangle them.
export function redact(text: string, secrets: readonly string[] | undefined): string {
  let out = text;
  for (const secret of secrets ?? []) {
    if (secret.length > 0) {
      out = out.split(secret).join(REDACTED);
    }
  }
  return out;
}

/** The strings that must never appear in a message: the secrets themselves and what the SDK derives from them. */
export function secretVariants(
  username: string | undefined,
  password: string | undefined,
  token: string | undefined,
): string[] {
  const out: string[] = [];
  if (password) {
    out.push(password, b64(password));
    if (username) {
      out.push(b64(`${username}:${password}`));
    }
  }
  if (token) {
    out.push(token, b64(token));
  }
  // Longest first, so a secret that contains another one is scrubbed whole.
  return out.sort((a, b) => b.length - a.length);
}
