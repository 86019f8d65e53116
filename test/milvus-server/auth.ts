// Authentication (§2.2) with the proxy's credential cache (§2.4): a verified password is remembered as
// SHA256(password + username), so only the first call of a session pays for a bcrypt comparison.
import { createHash } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import bcrypt from 'bcryptjs';
import { GrpcFailure } from './status';
import type { ServerState } from './state';

/** Who is calling, as far as the metadata tells. */
export interface Caller {
  /** From the authorization header, when it is `base64(user:password)`; undefined otherwise. */
  user: string | undefined;
  /** Why `user` is undefined, in Milvus's words (G1). */
  userError: string | undefined;
  /** `dbname` metadata, default `default`. */
  dbName: string;
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go's `base64.StdEncoding.DecodeString` is strict (padding required); returns undefined where Go would fail. */
export function decodeStdBase64(text: string): Buffer | undefined {
  const cleaned = text.replace(/[\r\n]/g, '');
  return STRICT_BASE64.test(cleaned) ? Buffer.from(cleaned, 'base64') : undefined;
}

/** Go's error text for an invalid base64 input: the offset of the first bad byte. */
export function base64ErrorText(text: string): string {
  let i = 0;
  while (i < text.length && /[A-Za-z0-9+/]/.test(text[i])) i++;
  if (i === text.length) i = text.length - (text.length % 4 === 0 ? 0 : text.length % 4);
  return `illegal base64 data at input byte ${Math.min(i, text.length)}`;
}

function firstMeta(md: grpc.Metadata, key: string): string | undefined {
  const v = md.get(key)[0];
  return v === undefined ? undefined : typeof v === 'string' ? v : v.toString('utf8');
}

function splitToken(header: string | undefined): {
  user?: string;
  password?: string;
  error?: string;
  apiKey?: boolean;
} {
  if (header === undefined || header === '') return { error: 'missing' };
  const raw = decodeStdBase64(header);
  if (!raw) return { error: 'format' };
  const text = raw.toString('utf8');
  const i = text.indexOf(':');
  if (i < 0) return { apiKey: true };
  return { user: text.slice(0, i), password: text.slice(i + 1) };
}

export function callerFromMetadata(md: grpc.Metadata): Caller {
  const dbName = firstMeta(md, 'dbname') || 'default';
  const t = splitToken(firstMeta(md, 'authorization'));
  if (t.user !== undefined) return { user: t.user, userError: undefined, dbName };
  return { user: undefined, userError: 'fail to get authorization from the md, authorization:[token]', dbName };
}

export class Authenticator {
  /** username → SHA256(password + username) of the last verified password. */
  private readonly cache = new Map<string, string>();

  constructor(private readonly state: ServerState) {}

  invalidate(user: string): void {
    this.cache.delete(user);
  }

  clear(): void {
    this.cache.clear();
  }

  /** Milvus `passwordVerify`: cache first, bcrypt on a miss. */
  async verifyPassword(user: string, password: string): Promise<boolean> {
    const digest = createHash('sha256')
      .update(password + user)
      .digest('hex');
    if (this.cache.get(user) === digest && this.state.users.has(user)) return true;
    const rec = this.state.users.get(user);
    if (!rec) return false;
    // A restored or hand-edited hash may not be bcrypt at all: that is a failed login, not a crash.
    const ok = await bcrypt.compare(password, rec.hash).catch(() => false);
    // Only cache if the password did not change (or the user vanish) while bcrypt ran.
    if (ok && this.state.users.get(user)?.hash === rec.hash) this.cache.set(user, digest);
    return ok;
  }

  /** The authentication interceptor when authorization is enabled; throws UNAUTHENTICATED like Milvus. */
  async authenticate(md: grpc.Metadata): Promise<void> {
    const t = splitToken(firstMeta(md, 'authorization'));
    if (t.error === 'missing') throw new GrpcFailure(grpc.status.UNAUTHENTICATED, 'missing authorization in header');
    if (t.error === 'format') throw new GrpcFailure(grpc.status.UNAUTHENTICATED, 'invalid token format');
    if (t.apiKey)
      throw new GrpcFailure(grpc.status.UNAUTHENTICATED, 'auth check failure, please check api key is correct');
    if (!(await this.verifyPassword(t.user ?? '', t.password ?? ''))) {
      throw new GrpcFailure(
        grpc.status.UNAUTHENTICATED,
        'auth check failure, please check username and password are correct',
      );
    }
  }
}
