// What an error message may say about the connection it happened on.
import * as l10n from '@vscode/l10n';
import type { AuthMode } from '../types';

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

export function where(ctx: ErrorContext): string {
  return ctx.address ? l10n.t('Milvus at {address}', { address: ctx.address }) : l10n.t('the Milvus server');
}
