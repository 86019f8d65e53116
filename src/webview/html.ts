// Builds a form page: strict CSP with a fresh nonce, the form's markup, its initial data as inert JSON, and its script.
// No 'vscode' import, so unit tests can check it directly.
import { randomBytes } from 'node:crypto';

export interface PageOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  title: string;
  /** The form's markup; every server-provided string in it must already be escaped (escapeHtml). */
  body: string;
  /** Read by the page script from `<script type="application/json" id="init">`. Must be JSON-serialisable. */
  init: unknown;
  scriptUri: string;
  styleUris: readonly string[];
  /** The display language (`vscode.env.language`, e.g. `zh-cn`); default `en`. */
  lang?: string;
  /** The translations for that language (`vscode.l10n.bundle`); the page script hands them to @vscode/l10n. */
  l10n?: Readonly<Record<string, string>>;
}

/** 128 random bits, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** JSON that cannot close its `<script>` element or start a comment or CDATA inside it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value ?? null).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function buildPage(options: PageOptions): { html: string; nonce: string } {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(options.cspSource, nonce);
  const styles = options.styleUris
    .map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}" nonce="${nonce}">`)
    .join('\n    ');
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(options.lang ?? 'en')}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp.replace(/[&"<>]/g, (c) => HTML_ESCAPES[c])}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
${options.body}
    <script type="application/json" id="init" nonce="${nonce}">${jsonForScript(options.init)}</script>
    <script type="application/json" id="l10n" nonce="${nonce}">${jsonForScript(options.l10n ?? {})}</script>
    <script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
  </body>
</html>
`;
  return { html, nonce };
}
