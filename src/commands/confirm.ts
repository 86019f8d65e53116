import * as vscode from 'vscode';
import { Cancelled } from './registry';

export interface ConfirmRequest {
  message: string;
  detail?: string;
  /** The buttons besides Cancel, in order. */
  actions: readonly string[];
}

/** Answers a confirmation with one of its actions, or undefined for Cancel. */
export type ConfirmResponder = (request: ConfirmRequest) => string | undefined | Promise<string | undefined>;

const KEEP_ASKED = 50;

/**
 * Modal confirmations before destructive actions. A modal cannot be answered from an extension test, so the test API
 * exposes this object: a test sets `responder` to answer (or dismiss) and reads `asked` to see what was asked.
 */
export class Confirmations {
  responder: ConfirmResponder | undefined;
  readonly asked: ConfirmRequest[] = [];

  /** The chosen action, or undefined when the user cancelled. */
  async ask(message: string, detail: string | undefined, ...actions: string[]): Promise<string | undefined> {
    const request: ConfirmRequest = { message, detail, actions };
    this.asked.push(request);
    if (this.asked.length > KEEP_ASKED) this.asked.splice(0, this.asked.length - KEEP_ASKED);
    if (this.responder) return this.responder(request);
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  }

  /** Asks and ends the command quietly (Cancelled) unless `action` was chosen. */
  async require(message: string, detail: string | undefined, action: string): Promise<void> {
    if ((await this.ask(message, detail, action)) !== action) throw new Cancelled();
  }
}
