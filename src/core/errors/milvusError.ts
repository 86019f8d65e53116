import * as l10n from '@vscode/l10n';
import type { Remedy } from './remedies';

/** Why an operation failed, in terms a user can act on. */
export type MilvusErrorKind =
  | 'auth' // wrong username/password/token (gRPC 16)
  | 'unreachable' // nothing answers at the address (gRPC 14)
  | 'timeout' // deadline exceeded (gRPC 4)
  | 'tls' // handshake or certificate problem
  | 'permission' // PERMISSION_DENIED (gRPC 7)
  | 'databaseNotFound' // code 800
  | 'unimplemented' // the server lacks the RPC
  | 'notReady' // the proxy is starting (gRPC UNKNOWN "not ready yet", or code 1 service not ready): try again
  | 'invalidInput' // refused by our own rules before sending
  | 'server'; // a Milvus Status failure: `serverMessage` holds the server's own text

export interface MilvusErrorDetails {
  /** The server's own words (a Milvus Status reason or a gRPC error the server sent). */
  serverMessage?: string;
  /** What gRPC or the TLS stack said on this side (no server involved): for the log only, never shown. */
  transportMessage?: string;
  code?: number;
  errorCode?: string;
  grpcCode?: number;
}

/**
 * The one error type the core rejects with. `message` is for people and never contains a secret: the problem, then
 * the remedy's text when there is one (each place that shows the error may word the remedy for itself instead).
 */
export class MilvusError extends Error {
  constructor(
    readonly kind: MilvusErrorKind,
    readonly problem: string,
    readonly details: MilvusErrorDetails = {},
    readonly remedy?: Remedy,
  ) {
    super(remedy ? problemAndRemedy(problem, remedy.text) : problem);
    this.name = 'MilvusError';
  }
}

/** A problem sentence followed by its remedy (Chinese runs sentences together without a space). */
export function problemAndRemedy(problem: string, remedy: string): string {
  return l10n.t('{problem} {remedy}', { problem, remedy });
}

/**
 * A line for the log: `message` plus the raw text behind `error` (the server's words or the transport's) when the
 * message does not already hold it. Users see the message; the raw text helps whoever reads the log.
 */
export function withRawText(message: string, error: unknown): string {
  if (!(error instanceof MilvusError)) return message;
  const { transportMessage, serverMessage } = error.details;
  const raw = (transportMessage ?? serverMessage)?.replace(/\s+/g, ' ').trim();
  if (!raw || message.includes(raw)) return message;
  return transportMessage ? `${message} [${raw}]` : `${message} (server: ${raw})`;
}

/** What went wrong, as a sentence: an Error's message (MilvusErrors never carry a secret), anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
