import * as vscode from 'vscode';
import type { ConnectionProfile, ConnectionSecret } from '../core/types';
import { serverAddress } from '../core/milvus/uri';

/** What is asked for an ask-on-connect connection. Holds no secret. */
export interface SecretRequest {
  connectionId: string;
  kind: 'password' | 'token';
  /** e.g. "Password for root@127.0.0.1:19530 (Prod)"; after a refusal it starts by saying so. */
  prompt: string;
  /** True when the server refused the previous answer and this asks again. */
  refused?: boolean;
}

/** Answers a request with the password or token, or undefined for Escape. */
export type SecretResponder = (request: SecretRequest) => string | undefined | Promise<string | undefined>;

/** The user dismissed the password (or token) prompt: the connect ends quietly. */
export class SecretPromptCancelled extends Error {
  constructor(connectionName: string) {
    super(vscode.l10n.t('Connecting to "{0}" was cancelled: no password or token was entered.', connectionName));
    this.name = 'SecretPromptCancelled';
  }
}

const KEEP_ASKED = 50;

export function secretRequest(profile: ConnectionProfile, refused = false): SecretRequest {
  const address = serverAddress(profile.uri) ?? profile.uri;
  const kind = profile.auth === 'token' ? 'token' : 'password';
  const who = kind === 'password' && profile.username ? `${profile.username}@${address}` : address;
  const prompt =
    kind === 'token'
      ? vscode.l10n.t('Token for {who} ({connection})', { who, connection: profile.name })
      : vscode.l10n.t('Password for {who} ({connection})', { who, connection: profile.name });
  if (!refused) return { connectionId: profile.id, kind, prompt };
  return {
    connectionId: profile.id,
    kind,
    prompt:
      kind === 'token'
        ? vscode.l10n.t('The server refused that token. Try again: {0}', prompt)
        : vscode.l10n.t('The server refused that password. Try again: {0}', prompt),
    refused: true,
  };
}

/**
 * The InputBox that asks for the secret of an ask-on-connect connection. An InputBox cannot be answered from an
 * extension test, so the test API exposes this object: a test sets `responder` and reads `asked`.
 */
export class SecretPrompts {
  responder: SecretResponder | undefined;
  readonly asked: SecretRequest[] = [];

  /** The secret typed, or undefined when the prompt was dismissed (or left empty). */
  async ask(profile: ConnectionProfile, refused = false): Promise<ConnectionSecret | undefined> {
    const request = secretRequest(profile, refused);
    this.asked.push(request);
    if (this.asked.length > KEEP_ASKED) this.asked.splice(0, this.asked.length - KEEP_ASKED);
    const token = request.kind === 'token';
    const answer = this.responder
      ? await this.responder(request)
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('Connect to {0}', profile.name),
          prompt: request.prompt,
          placeHolder: token
            ? vscode.l10n.t('The token or API key is kept in memory until VS Code closes; it is never stored.')
            : vscode.l10n.t('The password is kept in memory until VS Code closes; it is never stored.'),
          password: true,
          ignoreFocusOut: true,
          validateInput: (value) =>
            value
              ? undefined
              : token
                ? vscode.l10n.t('Enter the token or API key.')
                : vscode.l10n.t('Enter the password.'),
        });
    if (!answer) return undefined;
    return request.kind === 'token' ? { token: answer } : { password: answer };
  }
}
