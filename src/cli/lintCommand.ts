// milvus-rbac lint: RBAC health of a server (--uri), of an RBAC file (--file), or of both (the file's policy then
// applies to the server). Exit 0 clean, 2 findings, 1 error.
import { checkRbacHealth, type Finding } from '../core/access/health';
import { fileHealthInput, readHealthInput } from '../core/access/healthRead';
import { findingTitle, fixText, healthMarkdown, healthToJson } from '../core/access/healthRender';
import { parseRbacFile } from '../core/rbac/fileParse';
import { DEFAULT_RULE_PROFILE } from '../core/rules/profiles';
import { readFileText } from './commands';
import { UsageError } from './args';
import type { AnswerContext } from './answerContext';

export const LINT_USAGE = `Usage: milvus-rbac lint [--uri URI [--user NAME]] [--file FILE] [--format text|markdown|json]

  Checks a server (--uri), an RBAC file (--file), or both (the file's "policy" then applies to the server):
  grants on missing databases or collections, roles without grants or members, users without roles, admin-level
  grants outside policy.adminRoles, grants to public beyond the defaults, legacy groups beside built-in groups,
  privileges the release does not define, built-in groups changed from the release's defaults.

Exit codes: 0 no findings, 2 findings, 1 error.`;

const text = (v: string | boolean | undefined): string | undefined =>
  typeof v === 'string' && v.trim() ? v : undefined;

export async function runLint({ values, out, connect }: AnswerContext): Promise<number> {
  const format = text(values.format) ?? (values.json === true ? 'json' : 'text');
  if (!['text', 'markdown', 'json'].includes(format)) throw new UsageError('--format is text, markdown or json.');
  const filePath = text(values.file);
  if (!filePath && !text(values.uri)) throw new UsageError('Give --uri (a server), --file (an RBAC file), or both.');
  const file = filePath ? parseRbacFile(await readFileText(filePath), DEFAULT_RULE_PROFILE) : undefined;
  const findings: { where: string; findings: Finding[] }[] = [];
  if (file && filePath) findings.push({ where: filePath, findings: checkRbacHealth(fileHealthInput(file)) });
  if (text(values.uri)) {
    const { api, address } = await connect();
    findings.push({ where: address, findings: checkRbacHealth(await readHealthInput(api, file?.policy ?? {})) });
  }
  const total = findings.reduce((n, f) => n + f.findings.length, 0);
  if (format === 'json') out.json(findings.map((f) => ({ target: f.where, findings: healthToJson(f.findings) })));
  else if (format === 'markdown') for (const f of findings) out.text(healthMarkdown(f.findings, f.where));
  else
    for (const f of findings) {
      out.line(`${f.where}: ${f.findings.length === 0 ? 'no findings' : `${f.findings.length} findings`}`);
      for (const finding of f.findings) {
        out.line(`  ${findingTitle(finding)}: ${finding.subject}. ${finding.message}`);
        const fix = fixText(finding);
        if (fix) out.line(`    fix: ${fix}`);
      }
    }
  return total === 0 ? 0 : 2;
}
