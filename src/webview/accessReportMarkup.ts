// The access report's markup: a heading, the summary, a filter box and the table. Every text comes from the server or
// the user's input and goes through escapeHtml here; the page script only hides and shows rows.
import * as l10n from '@vscode/l10n';
import { escapeHtml } from './html';
import { rowCount } from './rowCount';

export interface AccessReportView {
  /** The panel's title, e.g. `Effective privileges · alice`. */
  title: string;
  heading: string;
  /** Paragraphs under the heading. */
  summary: string[];
  /** A highlighted line, e.g. why the user is unrestricted, or the yes/no answer. */
  highlight?: string;
  columns: string[];
  rows: string[][];
  /** Shown instead of the table when there are no rows. */
  empty: string;
  /** What "Copy as Markdown" puts on the clipboard. */
  markdown: string;
  /** Filter box placeholder, e.g. `Filter by privilege, scope or role`. */
  filterHint: string;
}

const row = (cells: readonly string[], tag: 'td' | 'th'): string =>
  `<tr>${cells.map((c) => `<${tag}${tag === 'th' ? ' scope="col"' : ''}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;

export function accessReportBody(view: AccessReportView): string {
  const summary = view.summary.map((p) => `<p class="hint">${escapeHtml(p)}</p>`).join('\n      ');
  const highlight = view.highlight
    ? `<div class="banner status" id="highlight">${escapeHtml(view.highlight)}</div>`
    : '';
  const table =
    view.rows.length === 0
      ? `<p id="no-rows">${escapeHtml(view.empty)}</p>`
      : `<table id="rows">
        <thead>${row(view.columns, 'th')}</thead>
        <tbody>
          ${view.rows.map((cells) => row(cells, 'td')).join('\n          ')}
        </tbody>
      </table>
      <p id="no-match" class="hint" hidden>${escapeHtml(l10n.t('No row matches the filter.'))}</p>`;
  return `    <main class="report">
      <h1>${escapeHtml(view.heading)}</h1>
      ${summary}
      ${highlight}
      <div class="row toolbar">
        <input id="filter" type="search" autocomplete="off" spellcheck="false" placeholder="${escapeHtml(view.filterHint)}" aria-label="${escapeHtml(view.filterHint)}"${view.rows.length === 0 ? ' disabled' : ' aria-controls="rows"'}>
        <span id="count" class="hint" role="status">${escapeHtml(rowCount(view.rows.length))}</span>
        <button type="button" class="secondary" id="copy">${escapeHtml(l10n.t('Copy as Markdown'))}</button>
        <span id="copy-status" class="hint" role="status"></span>
      </div>
      ${table}
    </main>`;
}
