// The text a form shows for a handler's rejection. Pure, so it can be tested without VS Code.
import * as l10n from '@vscode/l10n';
import { MilvusError, problemAndRemedy } from '../core/errors/milvusError';
import { redact } from '../core/errors/redact';

/**
 * The text to show for a handler's rejection: its message, plus the server's own words if not already in it. A Status
 * refusal (kind 'server') is either the server's text itself or a sentence errorMapping made of it: its raw text goes
 * to the log, not into the form. No secret the user typed is echoed back, whatever a handler put in its error.
 */
export function errorText(
  e: unknown,
  secrets: readonly (string | undefined)[] = [],
  where: { inConnectionForm?: boolean } = {},
): string {
  let message = e instanceof Error ? e.message : String(e);
  // Inside the connection form, "edit the connection" would send the user elsewhere: the remedy points at the form.
  if (where.inConnectionForm && e instanceof MilvusError && e.remedy?.inForm)
    message = problemAndRemedy(e.problem, e.remedy.inForm);
  const serverMessage = e instanceof MilvusError && e.kind !== 'server' ? e.details.serverMessage : undefined;
  if (serverMessage && !message.includes(serverMessage))
    message = l10n.t('{message} (server: {serverMessage})', { message, serverMessage });
  return redact(message || l10n.t('The operation failed.'), secrets);
}
