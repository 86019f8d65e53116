// Health findings in words: a report's rows and Markdown, and plain data for the CLI's --format json.
import * as l10n from '@vscode/l10n';
import { markdownCell } from './effectivePrivileges';
import { describeStep } from '../rbac/steps';
import type { Finding } from './health';

export const HEALTH_COLUMNS = (): string[] => [l10n.t('Finding'), l10n.t('About'), l10n.t('Why'), l10n.t('Fix')];

export function findingTitle(f: Finding): string {
  const titles: Record<Finding['code'], string> = {
    missingDatabase: l10n.t('Grant on a missing database'),
    missingCollection: l10n.t('Grant on a missing collection'),
    aliasGrant: l10n.t('Grant on an alias'),
    roleWithoutGrants: l10n.t('Role without grants'),
    roleWithoutMembers: l10n.t('Role without members'),
    userWithoutRoles: l10n.t('User without roles'),
    adminGrantOutsidePolicy: l10n.t('Admin-level grant outside the policy'),
    publicBeyondDefaults: l10n.t('Grant to public beyond the defaults'),
    legacyBesideV2: l10n.t('Legacy groups beside built-in groups'),
    undefinedPrivilege: l10n.t('Privilege the release does not define'),
    builtInGroupChanged: l10n.t('Built-in group changed'),
  };
  return titles[f.code];
}

export function fixText(f: Finding): string {
  return f.fix.length > 0 ? f.fix.map(describeStep).join('; ') : (f.advice ?? '');
}

export function healthRows(findings: readonly Finding[]): string[][] {
  return findings.map((f) => [findingTitle(f), f.subject, f.message, fixText(f)]);
}

export function healthSummary(findings: readonly Finding[], where: string): string {
  return findings.length === 0
    ? l10n.t('On {0}: no findings.', where)
    : l10n.t('On {where}: {count} findings.', { where, count: findings.length });
}

export function healthMarkdown(findings: readonly Finding[], where: string): string {
  const columns = HEALTH_COLUMNS();
  return [
    `# ${l10n.t('RBAC health')}`,
    '',
    markdownCell(healthSummary(findings, where)),
    '',
    ...(findings.length
      ? [
          `| ${columns.join(' | ')} |`,
          `|${' --- |'.repeat(columns.length)}`,
          ...healthRows(findings).map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
        ]
      : []),
    '',
  ].join('\n');
}

export function healthToJson(findings: readonly Finding[]): unknown {
  return findings.map((f) => ({
    code: f.code,
    subject: f.subject,
    message: f.message,
    fix: f.fix,
    ...(f.advice ? { advice: f.advice } : {}),
  }));
}
