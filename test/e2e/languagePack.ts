// Running code-server in another display language, offline.
//
// What decides vscode.env.language (code-server 4.100.3, read from lib/vscode/out/server-main.js and checked with a
// probe extension that logged vscode.env.language):
//   1. The web page's locale: code-server's --locale, else `locale` in <user-data-dir>/User/argv.json, else the
//      `vscode.nls.locale` cookie, else the browser's Accept-Language (en-US for our headless Chromium).
//   2. That locale counts only when <user-data-dir>/languagepacks.json lists an installed language pack for it: the
//      server then builds the workbench's messages from the pack and the page sets its language to the pack's
//      (globalThis._VSCODE_NLS_LANGUAGE). Without a pack, --locale zh-cn still gives vscode.env.language === 'en'.
//   3. The extension host takes that language from the page; it then loads our l10n/bundle.l10n.zh-cn.json and
//      package.nls.zh-cn.json.
// The real pack (MS-CEINTL.vscode-language-pack-zh-hans) lives on the marketplace, which this machine cannot reach, and
// no npm package ships a VS Code language pack extension. So the test builds a minimal one: a `localizations`
// contribution for zh-cn with no translations of VS Code itself (the workbench stays English; our texts are ours).
// VS Code writes languagepacks.json when its server installs a pack (a post-install step that the command-line
// `--install-extension` does not run), so useLocale() writes the same entry after the CLI install.
import fs from 'node:fs';
import path from 'node:path';
import { packageVsix } from './vsce';

const PUBLISHER = 'e2e-probe';
const NAME = 'test-language-pack';

function packId(locale: string): string {
  return `${PUBLISHER}.${NAME}-${locale}`;
}

/** Writes the minimal language pack for `locale` into `dir` and packages it; returns the VSIX path. */
export async function buildLanguagePack(dir: string, locale: string): Promise<string> {
  const src = path.join(dir, `language-pack-${locale}`);
  fs.mkdirSync(path.join(src, 'translations'), { recursive: true });
  const manifest = {
    name: `${NAME}-${locale}`,
    displayName: `Test language pack (${locale})`,
    publisher: PUBLISHER,
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: locale,
          languageName: locale,
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
        },
      ],
    },
  };
  fs.writeFileSync(path.join(src, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(
    path.join(src, 'translations', 'main.i18n.json'),
    JSON.stringify({ version: '1.0.0', contents: {} }),
  );
  fs.writeFileSync(
    path.join(src, 'README.md'),
    `# Test language pack\n\nSwitches the display language to ${locale}.\n`,
  );
  fs.writeFileSync(path.join(src, 'LICENSE'), 'MIT\n');
  return packageVsix(src, path.join(dir, `language-pack-${locale}.vsix`));
}

/**
 * Makes the next code-server start use `locale`: argv.json names it, and languagepacks.json points at the pack that
 * buildLanguagePack made and `--install-extension` put into `extensionsDir`.
 */
export function useLocale(userDataDir: string, extensionsDir: string, locale: string): void {
  const installed = fs.readdirSync(extensionsDir).find((name) => name.startsWith(`${packId(locale)}-`));
  if (!installed) throw new Error(`the ${locale} language pack is not installed in ${extensionsDir}`);
  const argv = path.join(userDataDir, 'User', 'argv.json');
  fs.mkdirSync(path.dirname(argv), { recursive: true });
  fs.writeFileSync(argv, JSON.stringify({ locale }));
  const entry = {
    hash: `${packId(locale)}-0.0.1`,
    extensions: [{ extensionIdentifier: { id: packId(locale) }, version: '0.0.1' }],
    translations: { vscode: path.join(extensionsDir, installed, 'translations', 'main.i18n.json') },
    label: locale,
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: entry }));
}
