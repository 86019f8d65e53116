// What the access reports show: the effective privileges of a user, and who can do a privilege somewhere. Pure (no
// 'vscode'), so the rows are unit-tested; src/webview/accessReport.ts renders them.
import * as l10n from '@vscode/l10n';
import { queryLabel, type WhoAnswer } from '../core/access/query';
import { PUBLIC_ROLE } from '../core/access/builtIns';
import {
  markdownCell as cell,
  effectiveAccessColumns,
  effectiveAccessMarkdown,
  effectiveAccessSummary,
  noPrivilegesText,
  privilegeLabel,
  type EffectiveAccess,
} from '../core/access/effectivePrivileges';
import type { AccessReportView } from './accessReportMarkup';

/** `"Prod" (Milvus v2.6.19)`: where a report was read. */
export function reportWhere(connectionName: string, version: string): string {
  return l10n.t('"{name}" (Milvus {version})', { name: connectionName, version });
}

export function effectiveAccessView(access: EffectiveAccess, where: string): AccessReportView {
  return {
    title: l10n.t('Effective privileges · {0}', access.user),
    heading: l10n.t('Effective privileges of {0}', access.user),
    summary: [
      effectiveAccessSummary(access, where),
      l10n.t(
        'Each row: a privilege, where it applies (the scope the tree shows for the grant), and the roles it comes through.',
      ),
    ],
    highlight: access.unrestricted ? l10n.t('Unrestricted. {0}', access.unrestricted) : undefined,
    columns: effectiveAccessColumns(),
    rows: access.privileges.map((p) => [privilegeLabel(p.privilege), p.scope.label, p.via.join(', ')]),
    empty: noPrivilegesText(access),
    markdown: effectiveAccessMarkdown(access, where),
    filterHint: l10n.t('Filter by privilege, scope or role'),
  };
}

export function whoCanView(answer: WhoAnswer, where: string): AccessReportView {
  const what = queryLabel(answer.query);
  const rows = answer.users.flatMap((u) =>
    u.unrestricted
      ? [[u.user, '—', l10n.t('unrestricted'), u.unrestricted]]
      : u.reasons.map((r) => [u.user, r.role, privilegeLabel(r.grant.privilege), r.scope.label]),
  );
  const count = answer.users.length;
  const args = { where, count, what };
  const summary = [
    count === 0
      ? l10n.t('On {where}. No user may do {what}.', args)
      : count === 1
        ? l10n.t('On {where}. 1 user may do {what}.', args)
        : l10n.t('On {where}. {count} users may do {what}.', args),
    l10n.t('root and holders of admin may do everything; grants to {0} apply to every user.', PUBLIC_ROLE),
  ];
  const columns = [l10n.t('User'), l10n.t('Role'), l10n.t('Grant'), l10n.t('Scope')];
  const markdown = [
    `# ${l10n.t('Who can do {0}', cell(what))}`,
    '',
    cell(summary.join(' ')),
    '',
    `| ${columns.join(' | ')} |`,
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ].join('\n');
  return {
    title: l10n.t('Who can · {0}', answer.query.privilege),
    heading: l10n.t('Who can do {0}', what),
    summary,
    columns,
    rows,
    empty: l10n.t('No user may do {0}: no role of any user has a grant that covers it.', what),
    markdown,
    filterHint: l10n.t('Filter by user, role, grant or scope'),
  };
}
