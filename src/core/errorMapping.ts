// Turns whatever the SDK throws or resolves into one MilvusError with a message a person can act on.
import { MilvusError } from './errors';
import { b64 } from './milvusWire';
import type { AuthMode } from './types';

/** What the message may mention. `secrets` are scrubbed from every text that leaves this module. */
export interface ErrorContext {
  /** `host:port` */
  address?: string;
  user?: string;
  authMode?: AuthMode;
  /** The secret was typed at connect time (ask-on-connect), not stored: the remedy is to connect again. */
  askedSecret?: boolean;
  database?: string;
  timeoutMs?: number;
  secrets?: readonly string[];
}

/** A Milvus `common.Status` as the SDK decodes it (enums as strings, int64 as strings). */
export interface RpcStatus {
  error_code?: string | number;
  code?: number | string;
  reason?: string;
}

const GRPC = { DEADLINE_EXCEEDED: 4, PERMISSION_DENIED: 7, UNIMPLEMENTED: 12, UNAVAILABLE: 14, UNAUTHENTICATED: 16 };
const TLS_HINT =
  /certificate|\bssl\b|\btls\b|handshake|self[- ]signed|CERT_|EPROTO|wrong version number|unable to verify|unable to get (local )?issuer|alert|packet length too long|unknown ca|altnames|Hostname\/IP does not match/i;
const REDACTED = '***';

// Texts from outside (server, gRPC, SDK) are scrubbed when read, before they go into a message. Our own sentences are
// not scrubbed, so a password such as "Milvus" cannot mangle them.
function redact(text: string, secrets: readonly string[] | undefined): string {
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

function where(ctx: ErrorContext): string {
  return ctx.address ? `Milvus at ${ctx.address}` : 'the Milvus server';
}

interface GrpcLikeError {
  code: number;
  details?: string;
  message?: string;
}

function isGrpcError(e: unknown): e is GrpcLikeError {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number';
}

function grpcText(e: GrpcLikeError, ctx: ErrorContext): string {
  if (typeof e.details === 'string' && e.details !== '') {
    return redact(e.details, ctx.secrets);
  }
  return typeof e.message === 'string' ? redact(e.message, ctx.secrets) : '';
}

function authMessage(text: string, ctx: ErrorContext): string {
  const at = ctx.address ?? 'the server';
  if (/missing authorization/i.test(text) || ctx.authMode === 'none') {
    return `${at} requires authentication. Edit the connection and enter a username and password or a token.`;
  }
  if (ctx.authMode === 'token' || /api key/i.test(text)) {
    return `The token was refused by ${at}. ${ctx.askedSecret ? 'Connect again to enter it.' : 'Edit the connection to fix the token.'}`;
  }
  const who = ctx.user ? `${ctx.user}@${at}` : at;
  return `Wrong username or password for ${who}. ${ctx.askedSecret ? 'Connect again to enter the password.' : 'Edit the connection to fix the credentials.'}`;
}

function permissionMessage(text: string, ctx: ErrorContext): string {
  const m = /Privilege(\w+): permission deny to (.+?) in the `([^`]*)` database/.exec(text);
  if (m) {
    return `${m[2]} lacks the ${m[1]} privilege in database "${m[3]}". Ask an administrator to grant it, or connect as a user who has it.`;
  }
  const who = ctx.user ?? 'The connected user';
  return `${who} is not allowed to do this on ${ctx.address ?? 'this server'}. Ask an administrator for the privilege, or connect as a user who has it.`;
}

/** Codes whose text grpc-js writes on this side ("No connection established…", "Deadline exceeded after…"). */
const TRANSPORT_CODES = new Set([GRPC.DEADLINE_EXCEEDED, GRPC.UNAVAILABLE]);

function fromGrpc(e: GrpcLikeError, ctx: ErrorContext): MilvusError {
  const text = grpcText(e, ctx);
  // Transport texts stay out of serverMessage, which forms show beside the message: they go to the log only.
  const details = TRANSPORT_CODES.has(e.code)
    ? { transportMessage: text, grpcCode: e.code }
    : { serverMessage: text, grpcCode: e.code };
  switch (e.code) {
    case GRPC.UNAUTHENTICATED:
      return new MilvusError('auth', authMessage(text, ctx), details);
    case GRPC.PERMISSION_DENIED:
      return new MilvusError('permission', permissionMessage(text, ctx), details);
    case GRPC.DEADLINE_EXCEEDED: {
      const within = ctx.timeoutMs ? ` within ${ctx.timeoutMs} ms` : ' in time';
      return new MilvusError(
        'timeout',
        `${where(ctx)} did not answer${within}. Check the network and the server, or raise the request timeout.`,
        details,
      );
    }
    case GRPC.UNIMPLEMENTED:
      return new MilvusError(
        'unimplemented',
        `${where(ctx)} does not support this operation. It needs a newer Milvus version.`,
        details,
      );
    case GRPC.UNAVAILABLE:
      if (TLS_HINT.test(text)) {
        return tlsFailure(text, details, ctx);
      }
      return new MilvusError(
        'unreachable',
        `Cannot reach ${where(ctx)}. Check that the server is running and that the address, port and TLS setting are right.`,
        details,
      );
    default:
      if (TLS_HINT.test(text)) {
        return tlsFailure(text, { transportMessage: text, grpcCode: e.code }, ctx);
      }
      return new MilvusError('server', `${where(ctx)} failed the request: ${text || `gRPC code ${e.code}`}`, details);
  }
}

/** The useful part of a grpc-js/OpenSSL handshake error: no timestamps, resolution notes or OpenSSL file positions. */
function tlsReason(text: string): string {
  let r = /Last error: ([\s\S]*)$/.exec(text)?.[1] ?? text;
  r = r.replace(/Resolution note:[\s\S]*$/, '').replace(/\(\d{4}-\d\d-\d\dT[^)]*\)/g, '');
  r = r.replace(/^\s*Error(?: \[\w+\])?: /, '');
  r = /SSL routines:[^:]*:([^:]+):/.exec(r)?.[1] ?? r;
  return r.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

function tlsAdvice(reason: string): string {
  if (/certificate required/i.test(reason)) {
    return 'The server requires a client certificate: choose mutual TLS and give the client certificate and key.';
  }
  if (/wrong version number|packet length too long/i.test(reason)) {
    return 'The server does not speak TLS on this port: turn TLS off, or check the port.';
  }
  if (/altnames|does not match/i.test(reason)) {
    return "The certificate is not issued for this host name: enter the certificate's host name as the server name.";
  }
  if (/unable to verify|self[- ]signed|unknown ca|issuer/i.test(reason)) {
    return "The server's certificate is not signed by a trusted CA: select the CA file that issued it.";
  }
  if (/bad certificate|certificate unknown|unsupported certificate/i.test(reason)) {
    return 'The server refused the client certificate: check the client certificate and key and the CA that signed them.';
  }
  return "Check the connection's TLS settings: CA file, client certificate and key, and server name.";
}

function tlsFailure(text: string, details: MilvusError['details'], ctx: ErrorContext): MilvusError {
  const reason = tlsReason(text);
  return new MilvusError(
    'tls',
    `The TLS handshake with ${where(ctx)} failed (${reason}). ${tlsAdvice(reason)}`,
    details,
  );
}

/** SDK client-side checks throw plain Errors such as "The `username` or `password` property is missing." */
const SDK_CLIENT_CHECK = /^The `[^`]+`/;

/** A gRPC status error that lost its numeric code on the way (rethrown as a plain Error): "14 UNAVAILABLE: …". */
const GRPC_STATUS_TEXT = /^(\d{1,2}) [A-Z_]+: ([\s\S]*)$/;

function fromPlainError(e: Error & { code?: unknown; path?: unknown }, ctx: ErrorContext): MilvusError {
  const status = GRPC_STATUS_TEXT.exec(e.message);
  if (status) {
    return fromGrpc({ code: Number(status[1]), details: status[2] }, ctx);
  }
  const text = redact(e.message, ctx.secrets);
  if (typeof e.code === 'string' && typeof e.path === 'string' && /^E(NOENT|ACCES|ISDIR|PERM)$/.test(e.code)) {
    return new MilvusError(
      'tls',
      `Cannot read the TLS file "${e.path}" (${e.code}). Edit the connection's TLS settings.`,
      { serverMessage: text },
    );
  }
  if (SDK_CLIENT_CHECK.test(text)) {
    return new MilvusError('invalidInput', `The request is incomplete: ${text}`, { serverMessage: text });
  }
  if (TLS_HINT.test(text)) {
    return tlsFailure(text, { transportMessage: text }, ctx);
  }
  return new MilvusError('server', `Unexpected error talking to ${where(ctx)}: ${text}`, { serverMessage: text });
}

/** Any thrown value → MilvusError; a MilvusError passes through as is. Never puts a secret in a message. */
export function toMilvusError(e: unknown, ctx: ErrorContext = {}): MilvusError {
  if (e instanceof MilvusError) {
    return e;
  }
  if (isGrpcError(e)) {
    return fromGrpc(e, ctx);
  }
  if (e instanceof Error) {
    return fromPlainError(e, ctx);
  }
  return new MilvusError('server', `Unexpected error talking to ${where(ctx)}: ${redact(String(e), ctx.secrets)}`, {});
}

/**
 * A failed health check (a trivial call with a short deadline). Not answering it in time means the server is gone or
 * cut off, not that the request timeout is too short: it is reported as unreachable.
 */
export function healthCheckFailure(e: unknown, deadlineMs: number, ctx: ErrorContext = {}): MilvusError {
  const error = toMilvusError(e, ctx);
  if (error.kind !== 'timeout') {
    return error;
  }
  return new MilvusError(
    'unreachable',
    `${where(ctx)} did not answer a health check within ${deadlineMs} ms. Check that the server is running and reachable, then refresh.`,
    error.details,
  );
}

/** The Status inside a response: list/describe responses nest it under `status`, plain RPCs return it directly. */
export function statusOf(res: unknown): RpcStatus | undefined {
  if (typeof res !== 'object' || res === null) {
    return undefined;
  }
  const nested = (res as { status?: unknown }).status;
  if (typeof nested === 'object' && nested !== null) {
    return nested as RpcStatus;
  }
  return 'error_code' in res || 'code' in res ? (res as RpcStatus) : undefined;
}

/**
 * The SDK's retry interceptor turns a gRPC UNIMPLEMENTED reply into a resolved `{}`: a response without any Status
 * means the server lacks the RPC.
 */
export function isUnimplementedResponse(res: unknown): boolean {
  return statusOf(res) === undefined;
}

export function unimplementedError(what: string, ctx: ErrorContext = {}): MilvusError {
  return new MilvusError(
    'unimplemented',
    `${where(ctx)} does not support ${what}. It needs a newer Milvus version.`,
    {},
  );
}

function isSuccess(status: RpcStatus): boolean {
  const code = Number(status.code ?? 0);
  const ec = status.error_code;
  return code === 0 && (ec === undefined || ec === 'Success' || ec === 0 || ec === '0');
}

/** A MilvusError for a failed Status (`code != 0 || error_code != Success`), or undefined when the call succeeded. */
export function statusFailure(res: unknown, ctx: ErrorContext = {}): MilvusError | undefined {
  const status = statusOf(res);
  if (status === undefined || isSuccess(status)) {
    return undefined;
  }
  const code = Number(status.code ?? 0);
  const errorCode = status.error_code === undefined ? undefined : String(status.error_code);
  const reason = redact(status.reason ?? '', ctx.secrets);
  const details = { serverMessage: reason, code, errorCode };
  if (code === 800) {
    const db = /database=([^\]]*)\]/.exec(reason)?.[1] ?? ctx.database ?? '';
    return new MilvusError(
      'databaseNotFound',
      `Database "${db}" does not exist on ${where(ctx)}. Edit the connection to choose an existing database.`,
      details,
    );
  }
  if (errorCode === 'PermissionDenied' || errorCode === '3') {
    return new MilvusError('permission', permissionMessage(reason, ctx), details);
  }
  const refusal = explainRefusal(reason);
  if (refusal !== undefined) {
    return new MilvusError('server', refusal, details);
  }
  const text = reason !== '' ? reason : `Milvus refused the request (code ${code}, ${errorCode ?? 'no error code'}).`;
  return new MilvusError('server', text, details);
}

// ---- server refusals ---------------------------------------------------------------------------------------------
// The RBAC refusals Milvus answers with a Status, as sentences with a remedy. The server's own text stays in
// `details.serverMessage` (logged, not shown). Patterns cover the three text eras of docs/milvus-behaviour.md §3.2/§3.3:
// 2.6.19+ (": invalid parameter" suffix, quoted names), 2.6.6–2.6.18 (no suffix) and 2.5 ("not found the …").

type Refusal = readonly [RegExp, (m: RegExpExecArray) => string];

/** `name:"r1"` (protobuf text of a RoleEntity, spacing unstable) → r1; a plain name stays as is. */
function entityName(text: string): string {
  return /name:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? text;
}

/** A limit printed as `32` or, by 2.5, as `%!d(string=32)`. */
function number(text: string): string {
  return /\d+/.exec(text)?.[0] ?? text;
}

const REFRESH = 'Refresh the tree to see the current state.';

const REFUSALS: readonly Refusal[] = [
  // already exists
  [
    /user already exists: (.+?)(?:: invalid parameter)?$|user \[(.+?)\] already exists/,
    (m) =>
      `A user named "${m[1] ?? m[2]}" already exists. Choose another name, or change the existing user's password or roles instead.`,
  ],
  [
    /role \[(.*)\] already exists/,
    (m) =>
      `A role named "${entityName(m[1])}" already exists. Choose another name, or grant privileges to the existing role instead.`,
  ],
  [
    /privilege group name \[(.+?)\] is defined by users|privilege group \[(.+?)\] already exists/,
    (m) =>
      `A privilege group named "${m[1] ?? m[2]}" already exists. Choose another name, or add privileges to the existing group instead.`,
  ],
  [
    /privilege group name \[(.+?)\] is defined by built in privileges/,
    (m) => `"${m[1]}" is the name of a built-in privilege or privilege group. Choose another name.`,
  ],
  // not found
  [
    /the grantor user "(.+?)" does not exist/,
    (m) =>
      `The server records the connection's user as the grantor, and there is no user "${m[1]}". Connect as an existing user (with authentication off, as root).`,
  ],
  [
    /user "(.+?)" not found|not found the user|update credential: user not found/,
    (m) => `${m[1] ? `The user "${m[1]}"` : 'The user'} does not exist. ${REFRESH}`,
  ],
  [
    /the role "(.+?)" does not exist|role \[(.+?)\] does not exist|not found the role|role not exists/,
    (m) => `${(m[1] ?? m[2]) ? `The role "${m[1] ?? m[2]}"` : 'The role'} does not exist. ${REFRESH}`,
  ],
  [
    /there is no privilege group name \[(.+?)\] defined in system to operate|the privilege group name \[(.+?)\] is defined by built in privilege groups/,
    (m) =>
      `"${m[1] ?? m[2]}" is not a custom privilege group: built-in groups cannot be changed, and a dropped group is gone. ${REFRESH}`,
  ],
  [
    /not found the privilege name\[(.+?)\] in object\[(.+?)\]/,
    (m) =>
      `"${m[1]}" cannot be granted on ${m[2]} objects with this server's grant API. Pick a privilege offered for that level.`,
  ],
  [
    /not found the privilege name\[(.+?)\]|there is no privilege name or privilege group name \[(.+?)\]|privilege \[(.+?)\] does not exist/,
    (m) => `This server has no privilege or privilege group named "${m[1] ?? m[2] ?? m[3]}". Pick one from the list.`,
  ],
  // still in use
  [
    /fail to drop the role that it has privileges/,
    () =>
      'The role still has grants, so the server keeps it. Revoke its privileges first, or use "Revoke All and Drop".',
  ],
  [
    /privilege group \[(.+?)\] is used by role \[(.+?)\]/,
    (m) =>
      `The privilege group "${m[1]}" is still granted to the role "${m[2]}". Revoke it from every role that holds it, then drop the group.`,
  ],
  // limits
  [
    /number of users has reached the limit/,
    () =>
      'The server already has the maximum number of users (proxy.maxUserNum, 100 by default, root included). Drop a user you no longer need, or ask the server administrator to raise the limit.',
  ],
  [
    /number of roles has reached the limit/,
    () =>
      'The server already has the maximum number of roles (proxy.maxRoleNum, 10 by default, admin and public included). Drop a role you no longer need, or ask the server administrator to raise the limit.',
  ],
  // passwords
  [
    /old password not correct for (.+?): not authenticated/,
    (m) =>
      `The current password of ${m[1]} is not correct, so the server kept the old one. Enter the current password of ${m[1]}.`,
  ],
  [
    /invalid password length.*\[(\d+) out of range (\d+) <= value <= (\d+)\]/,
    (m) =>
      `The password is ${m[1]} bytes long; this server accepts ${m[2]} to ${m[3]} bytes. Choose a password of that length.`,
  ],
  [
    /length of password must be great than (\d+) and less than (\d+)/,
    (m) => `This server accepts passwords of ${m[1]} to ${m[2]} characters. Choose a password of that length.`,
  ],
  // names
  [/username must be not empty/, () => 'Enter a username.'],
  [
    /invalid username (.*) with length (\d+), the length of username must be less than (.+?): invalid parameter/,
    (m) =>
      `The username "${m[1]}" is ${m[2]} bytes long; this server allows at most ${number(m[3])}. Choose a shorter name.`,
  ],
  [
    /invalid user name (.*?), the first character must be a letter/,
    (m) => `The username "${m[1]}" must start with a letter (a–z, A–Z). Choose another name.`,
  ],
  [
    /invalid user name (.*?), username must contain only (.+?), but got/,
    (m) => `The username "${m[1]}" may contain only ${m[2]}. Choose another name.`,
  ],
  [/role name should be not empty/, () => 'Enter a role name.'],
  [
    /the length of role name must be not greater than limit.*\[(\d+) out of range 0 <= value <= (\d+)\]/,
    (m) => `The role name is ${m[1]} characters long; this server allows at most ${m[2]}. Choose a shorter name.`,
  ],
  [
    /the first character of role name must be an underscore or letter/,
    () => 'A role name must start with a letter or an underscore. Choose another name.',
  ],
  [
    /role name can only contain (.+?), found (.+?) at/,
    (m) => `A role name may contain only ${m[1]} ("${m[2]}" is not allowed). Choose another name.`,
  ],
  [
    /invalid privilege group name|privilege group name .* can only contain/,
    () =>
      'A privilege group name must start with a letter or an underscore and contain only letters, digits and underscores (at most 255). Choose another name.',
  ],
  // built-ins
  [
    /the role\[(.+?)\] is a (?:default|builtin) role, which can't be (dropped|altered)/,
    (m) => `"${m[1]}" is a built-in role: the server does not let it be ${m[2]}.`,
  ],
  [
    /root user cannot be deleted|user root cannot be deleted/,
    () => 'The root user cannot be dropped: Milvus refuses it.',
  ],
  // grants
  [
    /can not operate the (built-in|custom) privilege group \[(.+?)\]/,
    (m) =>
      `This server's old grant API cannot grant the ${m[1]} privilege group "${m[2]}". Grant single privileges, or upgrade to Milvus 2.5 or later.`,
  ],
  [
    /dbName and collectionName should be \* for the cluster level privilege: (\w+)/,
    (m) => `"${m[1]}" is a cluster-level group: grant it on all databases and all collections (*).`,
  ],
  [
    /collectionName should be \* for the database level privilege: (\w+)/,
    (m) => `"${m[1]}" is a database-level group: grant it on all collections (*) of a database.`,
  ],
  [
    /please specify database name for the collection level privilege: (\w+)/,
    (m) => `"${m[1]}" is a collection-level group: choose a database for the collection.`,
  ],
  [
    /privileges are not the same privilege level/,
    () =>
      'A privilege group holds privileges of one level only (cluster, database or collection). Put these privileges in separate groups.',
  ],
  [
    /length of (user|role) description|invalid user description with length/,
    (m) => `The ${m[1] ?? 'user'} description is too long: this server allows at most 1024 bytes. Shorten it.`,
  ],
];

/** A sentence with a remedy for a server refusal this module recognises; undefined for any other text. */
export function explainRefusal(reason: string): string | undefined {
  for (const [pattern, sentence] of REFUSALS) {
    const m = pattern.exec(reason);
    if (m) {
      return sentence(m);
    }
  }
  return undefined;
}
