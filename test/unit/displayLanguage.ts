// Switches @vscode/l10n between the zh-cn bundle (what activation gives it in a Chinese VS Code) and no bundle (English,
// as in the milvus-rbac CLI), for tests of texts made in src/core.
import fs from 'node:fs';
import path from 'node:path';
import * as l10n from '@vscode/l10n';

export const ZH_CN_BUNDLE = path.resolve(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json');

export function useChinese(): void {
  l10n.config({ contents: JSON.parse(fs.readFileSync(ZH_CN_BUNDLE, 'utf8')) as Record<string, string> });
}

export function useEnglish(): void {
  l10n.config({ contents: {} });
}
