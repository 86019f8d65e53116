// "3 rows": the access report's count, written by the markup and again by the page script as the filter changes.
import * as l10n from '@vscode/l10n';

export function rowCount(n: number): string {
  return n === 1 ? l10n.t('1 row') : l10n.t('{0} rows', n);
}
