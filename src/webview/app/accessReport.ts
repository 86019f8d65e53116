// The access report page: a text filter over the table's rows (every word must appear in the row), and Copy as Markdown.
import './l10n';
import * as l10n from '@vscode/l10n';
import { rowCount } from '../rowCount';
import { byId, setText } from './dom';
import { request, vscodeApi } from './vscodeApi';

const filter = byId('filter', HTMLInputElement);
const copy = byId('copy', HTMLButtonElement);
const rows = [...document.querySelectorAll<HTMLTableRowElement>('#rows tbody tr')];
const texts = rows.map((tr) => (tr.textContent ?? '').toLowerCase());
let copyStatusTimer: ReturnType<typeof setTimeout> | undefined;

function apply(): void {
  const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  rows.forEach((tr, i) => {
    const match = words.every((w) => texts[i].includes(w));
    tr.hidden = !match;
    if (match) shown++;
  });
  setText('count', words.length === 0 ? rowCount(rows.length) : l10n.t('{0} of {1} rows', shown, rows.length));
  const none = document.getElementById('no-match');
  if (none) none.hidden = shown > 0 || rows.length === 0;
  vscodeApi.setState({ filter: filter.value });
}

const state = vscodeApi.getState();
if (typeof state === 'object' && state !== null && typeof (state as { filter?: unknown }).filter === 'string') {
  filter.value = (state as { filter: string }).filter;
}
filter.addEventListener('input', apply);
copy.addEventListener('click', () => {
  void request({ type: 'copyMarkdown' }).then((result) => {
    setText('copy-status', result.ok ? l10n.t('Copied.') : result.error);
    clearTimeout(copyStatusTimer);
    copyStatusTimer = setTimeout(() => setText('copy-status', ''), 4000);
  });
});
apply();
if (!filter.disabled) filter.focus();
