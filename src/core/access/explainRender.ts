// An explanation (explain.ts) in words: one line per request, the notes about misleading server texts, and the fix;
// as plain lines (notification, CLI), as Markdown (report, README) and as a report view's rows.
import * as l10n from '@vscode/l10n';
import { markdownCell } from './effectivePrivileges';
import { grantSpecScope } from './grantScope';
import { reasonLabel } from './query';
import type { ExplainNote, ExplainStep, Explanation } from './explain';
import type { GrantSpec } from '../types';

/** `Search on collection db1.books`. */
function needLabel(step: ExplainStep): string {
  return step.query && step.scope
    ? l10n.t('{privilege} on {scope}', { privilege: step.query.privilege, scope: step.scope.label })
    : l10n.t('no privilege');
}

export function verdictLabel(step: ExplainStep): string {
  switch (step.verdict) {
    case 'allowed':
      return l10n.t('allowed');
    case 'denied':
      return l10n.t('denied');
    case 'unchecked':
      return l10n.t('needs no privilege');
    case 'filtered':
      return l10n.t('needs no privilege; the answer is filtered');
    case 'self':
      return l10n.t('allowed: a user may do this to itself');
    case 'missing':
      return l10n.t('not on this release');
  }
}

/** `role reader: Search on collection db1.books`, for the fix. */
export function grantLabel(fix: GrantSpec): string {
  const what = l10n.t('{privilege} on {scope}', { privilege: fix.privilege, scope: grantSpecScope(fix).label });
  return fix.role
    ? l10n.t('grant {what} to role {role}', { what, role: fix.role })
    : l10n.t('grant {0} to a role of the user', what);
}

/** Why the step is allowed or not, in one sentence. */
export function stepWhy(step: ExplainStep): string {
  const answer = step.answer;
  if (step.verdict === 'missing')
    return l10n.t('{rpc} exists from Milvus {release} on; this server answers it as unimplemented.', {
      rpc: step.rpc,
      release: step.release.missingUntil ?? '',
    });
  if (step.verdict === 'filtered') {
    const visible = step.visible ?? [];
    return visible.includes('*')
      ? l10n.t('The user sees every name: a grant covers everything here.')
      : visible.length === 0
        ? l10n.t('The user sees an empty list: no grant of its roles (public does not count) names any here.')
        : l10n.t('The user sees only what the grants of its roles name: {0}.', visible.join(', '));
  }
  if (step.verdict === 'unchecked' || step.verdict === 'self' || !answer) return '';
  if (answer.unrestricted) return answer.unrestricted;
  if (answer.allowed) return l10n.t('Through {0}.', answer.reasons.map(reasonLabel).join('; '));
  return l10n.t('No grant of {roles} covers it.', { roles: answer.roles.join(', ') });
}

export function noteText(note: ExplainNote): string {
  switch (note.kind) {
    case 'databaseNamedIsNotTheScope':
      return l10n.t(
        'The text names the database `{db}` because the request ran there; {privilege} is a cluster-level privilege, so grant it on all databases (*), not in `{db}`.',
        { db: note.dbName, privilege: note.privilege },
      );
    case 'invalidAuthToken':
      return l10n.t(
        '"invalid auth token" is not a missing privilege: listing databases and collections needs none since Milvus 2.4.1. The server failed while reading the caller\'s grants from its metadata store to filter the list (milvus#39445, milvus#44892); root skips that filter. Check the server\'s etcd settings, or retry.',
      );
    case 'sdkReadsSchemaFirst':
      return l10n.t(
        "The SDK reads the collection's description (DescribeCollection) before {0}; without that privilege the request is refused before it is sent.",
        note.operation,
      );
    case 'collectionUnknown':
      return l10n.t(
        'The text does not name the collection: only grants of {0} on every collection count here. Name the collection to check one.',
        note.privilege,
      );
    case 'legacyGroupOnEveryDatabase':
      return l10n.t(
        "The legacy group {group} is granted on every database (*), which the server never matches: it needs the request's database by name.",
        { group: note.grant.privilege },
      );
    case 'notVisible':
      return note.objectKind === 'database'
        ? l10n.t('The server hides database {0} from users whose roles have no grant in it.', note.objectName)
        : l10n.t('The server hides collection {0} from users whose roles have no grant on it.', note.objectName);
  }
}

/** The whole answer as lines: the verdict, a line per request, the notes, the fix. */
export function explanationLines(expl: Explanation): string[] {
  const q = expl.question;
  const lines = [
    expl.allowed
      ? l10n.t('{user} may do {operation} (Milvus {version}).', {
          user: q.user,
          operation: q.operation,
          version: expl.serverVersion,
        })
      : l10n.t('{user} may not do {operation} (Milvus {version}).', {
          user: q.user,
          operation: q.operation,
          version: expl.serverVersion,
        }),
  ];
  for (const step of expl.steps) {
    const why = stepWhy(step);
    lines.push(`${step.rpc}: ${needLabel(step)} · ${verdictLabel(step)}${why ? ` · ${why}` : ''}`);
    for (const r of step.elsewhere) lines.push(`  ${l10n.t('Granted elsewhere: {0}', reasonLabel(r))}`);
    if (step.fix) lines.push(`  ${l10n.t('Smallest fix: {0}', grantLabel(step.fix))}`);
  }
  for (const note of expl.notes) lines.push(noteText(note));
  return lines;
}

export const EXPLANATION_COLUMNS = (): string[] => [
  l10n.t('Request'),
  l10n.t('Needs'),
  l10n.t('Answer'),
  l10n.t('Why'),
  l10n.t('Smallest fix'),
];

export function explanationRows(expl: Explanation): string[][] {
  return expl.steps.map((s) => [
    s.rpc,
    needLabel(s),
    verdictLabel(s),
    [stepWhy(s), ...s.elsewhere.map((r) => l10n.t('Granted elsewhere: {0}', reasonLabel(r)))].filter(Boolean).join(' '),
    s.fix ? grantLabel(s.fix) : '',
  ]);
}

export function explanationMarkdown(expl: Explanation): string {
  const [verdict] = explanationLines(expl);
  const columns = EXPLANATION_COLUMNS();
  return [
    `# ${markdownCell(verdict ?? '')}`,
    '',
    `| ${columns.join(' | ')} |`,
    `|${' --- |'.repeat(columns.length)}`,
    ...explanationRows(expl).map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
    '',
    ...expl.notes.map((n) => `- ${markdownCell(noteText(n))}`),
  ].join('\n');
}

/** The explanation as plain data (CLI --json, the assistants' tool): names only, no labels in the display language. */
export function explanationToJson(expl: Explanation): unknown {
  return {
    user: expl.question.user,
    operation: expl.question.operation,
    database: expl.question.dbName,
    ...(expl.question.collectionName === undefined ? {} : { collection: expl.question.collectionName }),
    serverVersion: expl.serverVersion,
    allowed: expl.allowed,
    roles: expl.roles,
    steps: expl.steps.map((s) => ({
      rpc: s.rpc,
      verdict: s.verdict,
      needs: s.release.need
        ? {
            privilege: s.release.need.privilege,
            objectType: s.release.need.objectType,
            ...(s.release.need.objectField ? { objectField: s.release.need.objectField } : {}),
            ...(s.query ? { dbName: s.query.dbName, objectName: s.query.collectionName } : {}),
          }
        : null,
      ...(s.release.change ? { releaseNote: s.release.change.source } : {}),
      ...(s.release.missingUntil ? { since: s.release.missingUntil } : {}),
      ...(s.answer?.unrestricted ? { unrestricted: true } : {}),
      through: (s.answer?.reasons ?? []).map((r) => ({ ...r.grant, ...(r.through ? { through: r.through } : {}) })),
      grantedElsewhere: s.elsewhere.map((r) => r.grant),
      ...(s.fix ? { fix: s.fix } : {}),
      ...(s.visible ? { visible: s.visible } : {}),
    })),
    notes: expl.notes.map((n) => ({ kind: n.kind, text: noteText(n) })),
  };
}
