// The text a form shows for a handler's rejection. Pure, so it can be tested without VS Code.
import { MilvusError } from '../core/errors';

/** The text to show for a handler's rejection: its message, plus the server's own words if not already in it. */
export function errorText(e: unknown, secrets: readonly (string | undefined)[] = []): string {
  let message = e instanceof Error ? e.message : String(e);
  const serverMessage = e instanceof MilvusError ? e.details.serverMessage : undefined;
  if (serverMessage && !message.includes(serverMessage)) message = `${message} (server: ${serverMessage})`;
  return redact(message || 'The operation failed.', secrets);
}

/** Defence in depth: no secret the user typed is ever echoed back, whatever a handler put in its error. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('••••');
  }
  return result;
}
