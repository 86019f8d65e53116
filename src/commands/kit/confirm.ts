import * as vscode from 'vscode';
import { Flow } from './multiStep';
import { Cancelled } from './cancelled';

export interface ConfirmRequest {
  message: string;
  detail?: string;
  /** The modal's buttons besides Cancel, in order: the first is the default (Enter). Empty for the typed-name step. */
  actions: readonly string[];
  /** The typed-name step: the exact name the user has to type. */
  typeName?: string;
  /** The typed-name step: why the typed answer was refused (it was not the name). */
  refused?: string;
}

/**
 * Answers a modal with one of its actions, the typed-name step with the text typed, or either with undefined for
 * Cancel/Escape.
 */
export type ConfirmResponder = (request: ConfirmRequest) => string | undefined | Promise<string | undefined>;

const KEEP_ASKED = 50;

function typedNameProblem(name: string, typed: string): string | undefined {
  return typed === name ? undefined : vscode.l10n.t('Type "{0}" exactly to confirm, or press Escape to keep it.', name);
}

/**
 * Modal confirmations before destructive actions. In a VS Code modal the first action is the default button, so a
 * destructive action never comes first: a "keep" choice does, or the destructive step is behind the typed-name step.
 * A modal cannot be answered from an extension test, so the test API exposes this object: a test sets `responder` to
 * answer (or dismiss) and reads `asked` to see what was asked.
 */
export class Confirmations {
  responder: ConfirmResponder | undefined;
  readonly asked: ConfirmRequest[] = [];

  private record(request: ConfirmRequest): void {
    this.asked.push(request);
    if (this.asked.length > KEEP_ASKED) this.asked.splice(0, this.asked.length - KEEP_ASKED);
  }

  /** The chosen action, or undefined when the user cancelled. */
  async ask(message: string, detail: string | undefined, ...actions: string[]): Promise<string | undefined> {
    const request: ConfirmRequest = { message, detail, actions };
    this.record(request);
    if (this.responder) return this.responder(request);
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  }

  /** Asks and ends the command quietly (Cancelled) unless `action` was chosen; for actions that destroy nothing. */
  async require(message: string, detail: string | undefined, action: string): Promise<void> {
    if ((await this.ask(message, detail, action)) !== action) throw new Cancelled();
  }

  /** A destructive `action` behind a modal whose default button is `keep` (which, like Cancel, changes nothing). */
  async requireDestructive(message: string, detail: string | undefined, action: string, keep: string): Promise<void> {
    if ((await this.ask(message, detail, keep, action)) !== action) throw new Cancelled();
  }

  /**
   * An irreversible drop of something still in use: the modal explains (its only action, `action`, ends in "…" and
   * just leads on), then the user types `name` exactly, as GitHub asks before deleting a repository.
   */
  async requireTypedName(
    message: string,
    detail: string | undefined,
    action: string,
    confirm: { title: string; name: string; consequence: string },
  ): Promise<void> {
    await this.require(message, detail, action);
    const { name } = confirm;
    const request: ConfirmRequest = {
      message: vscode.l10n.t('Type "{name}" to confirm. {consequence}', { name, consequence: confirm.consequence }),
      actions: [],
      typeName: name,
    };
    this.record(request);
    const typed = this.responder
      ? await this.responder(request)
      : await new Flow(confirm.title)
          .input({ prompt: request.message, placeholder: name, validate: (value) => typedNameProblem(name, value) })
          .catch((error: unknown) => {
            if (error instanceof Cancelled) return undefined;
            throw error;
          });
    if (typed === undefined) throw new Cancelled();
    request.refused = typedNameProblem(name, typed);
    if (request.refused) throw new Cancelled();
  }
}
