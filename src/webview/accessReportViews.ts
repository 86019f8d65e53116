// What the access reports show: the effective privileges of a user, and who can do a privilege somewhere. Pure (no
// 'vscode'), so the rows are unit-tested; src/webview/accessReport.ts renders them.
import { queryLabel, type WhoAnswer } from '../core/accessQuery';
import { PUBLIC_ROLE } from '../core/builtIns';
import {
  markdownCell as cell,
  effectiveAccessMarkdown,
  effectiveAccessSummary,
  noPrivilegesText,
  privilegeLabel,
  type EffectiveAccess,
} from '../core/effectivePrivileges';
import type { AccessReportView } from './accessReportMarkup';

/** `"Prod" (Milvus v2.6.19)`: where a report was read. */
export function reportWhere(connectionName: string, version: string): string {
  return `"${connectionName}" (Milvus ${version})`;
}

export function effectiveAccessView(access: EffectiveAccess, where: string): AccessReportView {
  return {
    title: `Effective privileges · ${access.user}`,
    heading: `Effective privileges of ${access.user}`,
    summary: [
      effectiveAccessSummary(access, where),
      'Each row: a privilege, where it applies (the scope the tree shows for the grant), and the roles it comes through.',
    ],
    highlight: access.unrestricted ? `Unrestricted. ${access.unrestricted}` : undefined,
    columns: ['Privilege', 'Scope', 'Through'],
    rows: access.privileges.map((p) => [privilegeLabel(p.privilege), p.scope.label, p.via.join(', ')]),
    empty: noPrivilegesText(access),
    markdown: effectiveAccessMarkdown(access, where),
    filterHint: 'Filter by privilege, scope or role',
  };
}

export function whoCanView(answer: WhoAnswer, where: string): AccessReportView {
  const what = queryLabel(answer.query);
  const rows = answer.users.flatMap((u) =>
    u.unrestricted
      ? [[u.user, '—', 'unrestricted', u.unrestricted]]
      : u.reasons.map((r) => [u.user, r.role, privilegeLabel(r.grant.privilege), r.scope.label]),
  );
  const count = answer.users.length;
  const summary = [
    `On ${where}. ${count === 0 ? 'No user' : `${count} user${count === 1 ? '' : 's'}`} may do ${what}.`,
    `root and holders of admin may do everything; grants to ${PUBLIC_ROLE} apply to every user.`,
  ];
  const markdown = [
    `# Who can do ${cell(what)}`,
    '',
    cell(summary.join(' ')),
    '',
    '| User | Role | Grant | Scope |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ].join('\n');
  return {
    title: `Who can · ${answer.query.privilege}`,
    heading: `Who can do ${what}`,
    summary,
    columns: ['User', 'Role', 'Grant', 'Scope'],
    rows,
    empty: `No user may do ${what}: no role of any user has a grant that covers it.`,
    markdown,
    filterHint: 'Filter by user, role, grant or scope',
  };
}
