import * as vscode from 'vscode';
import { showError } from './errorToast';
import { MilvusError, errorMessage, withRawText } from '../../core/errors/milvusError';
import { KeychainUnavailableError } from '../../storage/backends/keytarBackend';
import { Cancelled } from './cancelled';
import { COMMANDS, type CommandId } from './ids';
import { offerSecretStorage } from '../connections/keychain';
import { offerExplain } from '../access/offerExplain';
import type { Services } from './services';

/**
 * A handler receives the services and the command's arguments: from a menu, the tree node; from a test or another
 * command, a plain object (see the test API in src/extension.ts). Its result is the command's result.
 */
export type CommandHandler = (services: Services, ...args: unknown[]) => unknown;
export type CommandTable = Partial<Record<CommandId, CommandHandler>>;

export interface CommandFailure {
  command: string;
  message: string;
  error: unknown;
}

/** The last failure per command run, for tests (a failed command shows its message and resolves undefined). */
export class CommandErrors {
  last: CommandFailure | undefined;
}

/** A server that is starting (docs/milvus-behaviour.md §3.3 A1): the notification runs the same command again. */
async function offerRetry(id: CommandId, args: unknown[], message: string): Promise<void> {
  const retry = vscode.l10n.t('Retry');
  if ((await vscode.window.showErrorMessage(message, retry)) === retry) {
    await vscode.commands.executeCommand(id, ...args);
  }
}

/**
 * Registers every table's handlers, each wrapped so that its disposable lands in context.subscriptions and any error
 * becomes one readable error notification plus a log line, instead of VS Code's generic "command failed".
 */
export function registerCommands(services: Services, tables: readonly CommandTable[]): CommandErrors {
  const errors = new CommandErrors();
  const seen = new Set<string>();
  for (const table of tables) {
    for (const [id, handler] of Object.entries(table) as [CommandId, CommandHandler][]) {
      if (seen.has(id)) throw new Error(`Command ${id} is registered twice`);
      seen.add(id);
      const wrapped = async (...args: unknown[]): Promise<unknown> => {
        try {
          return await handler(services, ...args);
        } catch (error) {
          if (error instanceof Cancelled) return undefined;
          const message = errorMessage(error);
          errors.last = { command: id, message, error };
          services.log.error(`${id}: ${withRawText(message, error)}`);
          if (error instanceof KeychainUnavailableError) void offerSecretStorage(error, services.log);
          else if (error instanceof MilvusError && error.kind === 'notReady') void offerRetry(id, args, message);
          else if (
            error instanceof MilvusError &&
            error.kind === 'permission' &&
            id !== COMMANDS.explainPermissionError
          )
            void offerExplain(args, message, error);
          else void showError(message);
          return undefined;
        }
      };
      services.context.subscriptions.push(vscode.commands.registerCommand(id, wrapped));
    }
  }
  return errors;
}
