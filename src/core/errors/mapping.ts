// Turns whatever the SDK throws or resolves into one MilvusError with a message a person can act on.
import * as l10n from '@vscode/l10n';
import { levelOf } from '../access/privileges';
import { MilvusError, type MilvusErrorDetails } from './milvusError';
import { where, type ErrorContext } from './context';
import { redact } from './redact';
import { REMEDIES } from './remedies';
import { explainRefusal } from './serverRefusals';
import { tlsFailure } from './tlsFailure';

export type { ErrorContext } from './context';

/** A Milvus `common.Status` as the SDK decodes it (enums as strings, int64 as strings). */
export interface RpcStatus {
  error_code?: string | number;
  code?: number | string;
  reason?: string;
}

const GRPC = { DEADLINE_EXCEEDED: 4, PERMISSION_DENIED: 7, UNIMPLEMENTED: 12, UNAVAILABLE: 14, UNAUTHENTICATED: 16 };
const TLS_HINT =
  /certificate|\bssl\b|\btls\b|handshake|self[- ]signed|CERT_|EPROTO|wrong version number|unable to verify|unable to get (local )?issuer|alert|packet length too long|unknown ca|altnames|Hostname\/IP does not match/i;

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

function authError(text: string, ctx: ErrorContext, details: MilvusErrorDetails): MilvusError {
  const server = ctx.address ?? l10n.t('the server');
  if (/missing authorization/i.test(text) || ctx.authMode === 'none') {
    const problem = l10n.t('{server} requires authentication.', { server });
    return new MilvusError('auth', problem, details, REMEDIES.enterCredentials);
  }
  if (ctx.authMode === 'token' || /api key/i.test(text)) {
    const remedy = ctx.askedSecret ? REMEDIES.retypeToken : REMEDIES.fixToken;
    return new MilvusError('auth', l10n.t('The token was refused by {server}.', { server }), details, remedy);
  }
  const who = ctx.user ? `${ctx.user}@${server}` : server;
  const remedy = ctx.askedSecret ? REMEDIES.retypePassword : REMEDIES.fixCredentials;
  return new MilvusError('auth', l10n.t('Wrong username or password for {who}.', { who }), details, remedy);
}

function permissionError(text: string, ctx: ErrorContext, details: MilvusErrorDetails): MilvusError {
  const m = /Privilege(\w+): permission deny to (.+?) in the `([^`]*)` database/.exec(text);
  if (m) {
    const args = { user: m[2], privilege: m[1], database: m[3] };
    // Cluster-level privileges (SelectUser, SelectOwnership, ListPrivilegeGroups…) are granted on the cluster: the
    // database the server names is only the connection's own, so naming it misleads.
    const problem =
      levelOf(args.privilege) === 'Cluster'
        ? l10n.t('{user} lacks the {privilege} privilege (a cluster-level privilege).', args)
        : l10n.t('{user} lacks the {privilege} privilege in database "{database}".', args);
    return new MilvusError('permission', problem, details, REMEDIES.askForGrant);
  }
  const who = ctx.user ?? l10n.t('The connected user');
  const server = ctx.address ?? l10n.t('this server');
  const problem = l10n.t('{user} is not allowed to do this on {server}.', { user: who, server });
  return new MilvusError('permission', problem, details, REMEDIES.askForPrivilege);
}

/**
 * A proxy that listens before it is ready (docs/milvus-behaviour.md §3.3 A1): first the authentication interceptor
 * refuses every call with gRPC UNKNOWN "… Milvus Proxy is not ready yet. please wait", then each handler answers
 * code 1 (legacy NotReadyServe) "state code: Initializing: service not ready".
 */
const PROXY_NOT_READY = /Proxy is not ready yet/i;

function isNotReadyStatus(code: number, errorCode: string | undefined): boolean {
  return code === 1 || errorCode === 'NotReadyServe' || errorCode === '56';
}

function notReady(ctx: ErrorContext, details: MilvusError['details']): MilvusError {
  const problem = l10n.t('{server} is starting, try again in a moment.', { server: where(ctx) });
  return new MilvusError('notReady', problem, details);
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
      return authError(text, ctx, details);
    case GRPC.PERMISSION_DENIED:
      return permissionError(text, ctx, details);
    case GRPC.DEADLINE_EXCEEDED: {
      const server = where(ctx);
      const problem = ctx.timeoutMs
        ? l10n.t('{server} did not answer within {ms} ms.', { server, ms: String(ctx.timeoutMs) })
        : l10n.t('{server} did not answer in time.', { server });
      return new MilvusError('timeout', problem, details, REMEDIES.raiseTimeout);
    }
    case GRPC.UNIMPLEMENTED:
      return new MilvusError(
        'unimplemented',
        l10n.t('{server} does not support this operation.', { server: where(ctx) }),
        details,
        REMEDIES.newerServer,
      );
    case GRPC.UNAVAILABLE:
      if (TLS_HINT.test(text)) {
        return tlsFailure(text, details, ctx);
      }
      return new MilvusError(
        'unreachable',
        l10n.t('Cannot reach {server}.', { server: where(ctx) }),
        details,
        REMEDIES.checkServer,
      );
    default:
      if (PROXY_NOT_READY.test(text)) {
        return notReady(ctx, details);
      }
      if (TLS_HINT.test(text)) {
        return tlsFailure(text, { transportMessage: text, grpcCode: e.code }, ctx);
      }
      return new MilvusError(
        'server',
        l10n.t('{server} failed the request: {reason}', {
          server: where(ctx),
          reason: text || l10n.t('gRPC code {code}', { code: String(e.code) }),
        }),
        details,
      );
  }
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
      l10n.t('Cannot read the TLS file "{path}" ({code}).', { path: e.path, code: e.code }),
      { serverMessage: text },
      REMEDIES.fixTls,
    );
  }
  if (SDK_CLIENT_CHECK.test(text)) {
    const problem = l10n.t('The request is incomplete: {reason}', { reason: text });
    return new MilvusError('invalidInput', problem, { serverMessage: text });
  }
  if (TLS_HINT.test(text)) {
    return tlsFailure(text, { transportMessage: text }, ctx);
  }
  return new MilvusError('server', unexpected(ctx, text), { serverMessage: text });
}

function unexpected(ctx: ErrorContext, text: string): string {
  return l10n.t('Unexpected error talking to {server}: {reason}', { server: where(ctx), reason: text });
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
  return new MilvusError('server', unexpected(ctx, redact(String(e), ctx.secrets)), {});
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
    l10n.t(
      '{server} did not answer a health check within {ms} ms. Check that the server is running and reachable, then refresh.',
      { server: where(ctx), ms: String(deadlineMs) },
    ),
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
  const problem = l10n.t('{server} does not support {feature}.', { server: where(ctx), feature: what });
  return new MilvusError('unimplemented', problem, {}, REMEDIES.newerServer);
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
      l10n.t('Database "{database}" does not exist on {server}.', { database: db, server: where(ctx) }),
      details,
      REMEDIES.chooseDatabase,
    );
  }
  if (isNotReadyStatus(code, errorCode)) {
    return notReady(ctx, details);
  }
  if (errorCode === 'PermissionDenied' || errorCode === '3') {
    return permissionError(reason, ctx, details);
  }
  const refusal = explainRefusal(reason);
  if (refusal !== undefined) {
    return new MilvusError('server', refusal, details);
  }
  const text = reason !== '' ? reason : refusedWithoutReason(code, errorCode);
  return new MilvusError('server', text, details);
}

function refusedWithoutReason(code: number, errorCode: string | undefined): string {
  return errorCode === undefined
    ? l10n.t('Milvus refused the request (code {code}, no error code).', { code: String(code) })
    : l10n.t('Milvus refused the request (code {code}, {errorCode}).', { code: String(code), errorCode });
}
