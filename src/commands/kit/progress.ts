import * as vscode from 'vscode';
import type { AdminApi } from '../../core/adminApi';
import { SecretPromptCancelled } from '../../connections/secretPrompts';
import type { ConnectionProfile } from '../../core/types';
import { Cancelled } from './cancelled';
import type { Services } from './services';

/**
 * A progress notification with a Cancel button: cancelling ends the command at once (quietly) and calls `onCancel`.
 * Dismissing a password prompt on the way ends it quietly too.
 */
export async function withCancellableProgress<T>(
  title: string,
  task: () => Promise<T>,
  onCancel?: () => void,
): Promise<T> {
  return await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (_progress, token) =>
      new Promise<T>((resolve, reject) => {
        const cancellation = token.onCancellationRequested(() => {
          onCancel?.();
          reject(new Cancelled());
        });
        task()
          .then(resolve, (error: unknown) => reject(error instanceof SecretPromptCancelled ? new Cancelled() : error))
          .finally(() => cancellation.dispose());
      }),
  );
}

/**
 * A write under a progress notification without Cancel: once sent, a write cannot be called back, so offering Cancel
 * would lie. The request timeout still bounds it.
 */
export async function withWriteProgress<T>(title: string, task: () => Promise<T>): Promise<T> {
  return await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: false },
    task,
  );
}

/** Connects (or reconnects) under a cancellable notification; Cancel abandons the attempt so the next one starts afresh. */
export function connectWithProgress(
  services: Services,
  profile: ConnectionProfile,
  title = vscode.l10n.t('Connecting to {0}…', profile.name),
): Promise<AdminApi> {
  return withCancellableProgress(
    title,
    () => services.connections.connect(profile.id),
    () => services.connections.cancel(profile.id),
  );
}
