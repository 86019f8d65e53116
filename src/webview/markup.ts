// Small builders for the forms' static markup. Every argument that is not a literal of ours goes through escapeHtml.
import { escapeHtml } from './html';

export interface FieldOptions {
  /** The control's markup (its id must be the field id). */
  control: string;
  hint?: string;
  /** The field starts hidden; the page script shows it when it applies. */
  hidden?: boolean;
  /** Markup after the error line (e.g. action buttons that belong to the field). */
  after?: string;
}

/** A labelled field with a hint line and an error line (`<id>-hint`, `<id>-error`) under it. */
export function field(id: string, label: string, options: FieldOptions): string {
  return `<div class="field" id="${id}-field"${options.hidden ? ' hidden' : ''}>
        <label for="${id}">${escapeHtml(label)}</label>
        ${options.control}
        <div class="hint" id="${id}-hint">${options.hint ? escapeHtml(options.hint) : ''}</div>
        <div class="error" id="${id}-error" aria-live="polite"></div>${options.after ? `\n        ${options.after}` : ''}
      </div>`;
}

/**
 * A text or password input. No input may make a browser's password manager offer to save or fill a Milvus secret:
 * password inputs say `one-time-code` plus the opt-outs that common password-manager extensions honour; every other
 * input says `off`. The forms have no <form> element either. Why not `new-password`: Chromium still offers to save a
 * formless new-password field when the webview's frame goes away (chrome://password-manager-internals shows "Show
 * password prompt"); a one-time-code field is never saved or filled, which is what a secret for another server needs.
 */
export function textInput(id: string, type: 'text' | 'password' = 'text', extra = ''): string {
  const noSaving =
    type === 'password' ? 'autocomplete="one-time-code" data-1p-ignore data-lpignore="true"' : 'autocomplete="off"';
  return `<input id="${id}" name="${id}" type="${type}" ${noSaving} spellcheck="false" aria-describedby="${id}-error ${id}-hint"${extra ? ` ${extra}` : ''}>`;
}

export function select(id: string, options: readonly { value: string; label: string }[], extra = ''): string {
  const items = options.map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.label)}</option>`).join('');
  return `<select id="${id}" name="${id}" aria-describedby="${id}-error ${id}-hint"${extra ? ` ${extra}` : ''}>${items}</select>`;
}
