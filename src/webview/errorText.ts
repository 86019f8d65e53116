// The text a form shows for a handler's rejection. Pure, so it can be tested without VS Code.
import { MilvusError } from '../core/errors';
import { redact } from '../core/redact';

/**
 * The text to show for a handler's rejection: its message, plus the server's own words if not already in it. A Status
 * refusal (kind 'server') is either the server's text itself or a sentence errorMapping made of it: its raw text goes
 * to the log, not into the form. No secret the user typed is echoed back, whatever a handler put in its error.
 */
export function errorText(e: unknown, secrets: readonly (string | undefined)[] = []): string {
  let message = e instanceof Error ? e.message : String(e);
  const serverMessage = e instanceof MilvusError && e.kind !== 'server' ? e.details.serverMessage : undefined;
  if (serverMessage && !message.includes(serverMessage)) message = `${message} (server: ${serverMessage})`;
  return redact(message || 'The operation failed.', secrets);
}

/** Remedies worded for a saved connection, and how they read inside the connection form itself. */
const FORM_REMEDIES: readonly (readonly [string, string])[] = [
  ['Edit the connection to fix the credentials.', 'Correct the username or password in this form.'],
  ['Edit the connection to fix the token.', 'Correct the token in this form.'],
  [
    'Edit the connection and enter a username and password or a token.',
    'Choose an authentication method in this form and enter the credentials.',
  ],
  ["Edit the connection's TLS settings.", 'Correct the TLS settings in this form.'],
  ['Edit the connection to choose an existing database.', 'Enter an existing database in this form.'],
  ['Edit the connection to enter it.', 'Enter it in this form.'],
  ['Edit the connection to enter one.', 'Enter one in this form.'],
];

/** The connection form shows errors next to the fields to fix: "edit the connection" would send the user elsewhere. */
export function inFormRemedy(text: string): string {
  return FORM_REMEDIES.reduce((result, [saved, inForm]) => result.split(saved).join(inForm), text);
}
