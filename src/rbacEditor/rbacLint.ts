// What the JSON schema of an RBAC file cannot say, found with exact positions: a grant or binding to a role the file
// does not define, a privilege group used but not defined, a privilege or group granted at a level where it does not
// apply, and entries that appear twice. No vscode import: the diagnostics provider turns these into Diagnostics.
import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, getNodeValue, parseTree, type Node } from 'jsonc-parser';
import { BUILTIN_ROLES } from '../core/access/builtIns';
import {
  ANY_PRIVILEGE,
  findGroup,
  isBuiltInGroup,
  isDefinedPrivilegeName,
  milvusPrivilegeLevel,
} from '../core/access/privileges';
import { RBAC_FILE_FORMAT } from '../core/rbac/file';
import { commonLevel, levelProblem } from '../core/rbac/fileParse';
import { UNKNOWN_PRIVILEGES_FIELD } from '../core/rbac/unknownPrivileges';
import type { PrivilegeLevel } from '../core/types';

export type LintSeverity = 'error' | 'warning';

export interface RbacLintIssue {
  offset: number;
  length: number;
  message: string;
  severity: LintSeverity;
  /** A stable code, shown with the message (e.g. `unknown-role`). */
  code: string;
}

const ALL = '*';

/** True when the text is a JSON object whose top-level "format" is the RBAC file format. */
export function declaresRbacFormat(text: string): boolean {
  const root = parseTree(text, [], { allowTrailingComma: true });
  return root?.type === 'object' && findNodeAtLocation(root, ['format'])?.value === RBAC_FILE_FORMAT;
}

class Issues {
  readonly list: RbacLintIssue[] = [];

  add(node: Node | undefined, severity: LintSeverity, code: string, message: string): void {
    if (node) this.list.push({ offset: node.offset, length: node.length, message, severity, code });
  }
}

export function items(root: Node, key: string): Node[] {
  const node = findNodeAtLocation(root, [key]);
  return node?.type === 'array' ? (node.children ?? []) : [];
}

export function field(node: Node, key: string): Node | undefined {
  return node.type === 'object' ? findNodeAtLocation(node, [key]) : undefined;
}

export function text(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** Reports every entry whose key was already seen (the second and later ones), pointing at `at(entry)`. */
function duplicates<T>(
  issues: Issues,
  entries: readonly T[],
  key: (entry: T) => string | undefined,
  at: (entry: T) => Node | undefined,
  message: (key: string) => string,
): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    const k = key(entry);
    if (k === undefined) continue;
    if (seen.has(k)) issues.add(at(entry), 'error', 'duplicate', message(k));
    seen.add(k);
  }
}

function strings(node: Node | undefined): Node[] {
  return node?.type === 'array' ? (node.children ?? []).filter((c) => c.type === 'string') : [];
}

const LEVEL_NAME: Record<PrivilegeLevel, () => string> = {
  Cluster: () => l10n.t('cluster'),
  Database: () => l10n.t('database'),
  Collection: () => l10n.t('collection'),
};

/** A plain privilege granted wider or narrower than the level Milvus checks it at (a warning: Milvus stores it). */
function privilegeLevelProblem(privilege: string, dbName: string, collectionName: string): string | undefined {
  const level = milvusPrivilegeLevel(privilege);
  if (level === 'Cluster' && (dbName !== ALL || collectionName !== ALL))
    return l10n.t(
      '{privilege} is a cluster-level privilege: Milvus checks it on the whole cluster, so grant it with dbName and collectionName "*".',
      { privilege },
    );
  if (level === 'Database' && collectionName !== ALL)
    return l10n.t(
      '{privilege} is a database-level privilege: Milvus checks it on a database, so grant it with collectionName "*".',
      { privilege },
    );
  return undefined;
}

function lintGroups(root: Node, issues: Issues): Map<string, readonly string[]> {
  const groups = new Map<string, readonly string[]>();
  const entries = items(root, 'privilegeGroups');
  duplicates(
    issues,
    entries,
    (g) => text(field(g, 'name')),
    (g) => field(g, 'name'),
    (n) => l10n.t('Privilege group "{group}" is defined twice.', { group: n }),
  );
  for (const g of entries) {
    const name = text(field(g, 'name'));
    const privileges = strings(field(g, 'privileges'));
    duplicates(
      issues,
      privileges,
      (p) => p.value as string,
      (p) => p,
      (p) => l10n.t('{privilege} appears twice in this group.', { privilege: p }),
    );
    const names = privileges.map((p) => p.value as string).filter(isDefinedPrivilegeName);
    if (names.length > 0 && commonLevel(names) === undefined) {
      const levels = names
        .map((p) =>
          l10n.t('{privilege} ({level})', { privilege: p, level: LEVEL_NAME[milvusPrivilegeLevel(p) ?? 'Cluster']() }),
        )
        .join(l10n.t(', '));
      issues.add(
        field(g, 'privileges'),
        'error',
        'mixed-levels',
        l10n.t('Group "{group}" mixes privileges of different levels: {levels}. Milvus refuses such a group.', {
          group: name ?? '',
          levels,
        }),
      );
    }
    if (name !== undefined && !groups.has(name)) groups.set(name, names);
  }
  return groups;
}

function lintGrants(
  root: Node,
  issues: Issues,
  roles: ReadonlySet<string>,
  groups: Map<string, readonly string[]>,
): void {
  const entries = items(root, 'grants');
  const unknown = new Set(
    items(root, UNKNOWN_PRIVILEGES_FIELD)
      .map(text)
      .filter((n) => n !== undefined),
  );
  for (const g of entries) {
    const roleNode = field(g, 'role');
    const role = text(roleNode);
    if (role !== undefined && !roles.has(role) && !BUILTIN_ROLES.has(role))
      issues.add(
        roleNode,
        'error',
        'unknown-role',
        l10n.t(
          'Role "{role}" is not defined in this file\'s "roles": add it there, or grant to a role the file defines.',
          { role },
        ),
      );
    const privilegeNode = field(g, 'privilege');
    const privilege = text(privilegeNode);
    const dbName = text(field(g, 'dbName'));
    const collectionName = text(field(g, 'collectionName'));
    if (privilege === undefined || privilege === ANY_PRIVILEGE) continue;
    const custom = groups.get(privilege);
    if (!isDefinedPrivilegeName(privilege) && custom === undefined) {
      if (unknown.has(privilege)) continue; // listed as unknown to this tool: the server decides its level
      issues.add(
        privilegeNode,
        'error',
        'unknown-group',
        l10n.t(
          '"{privilege}" is no Milvus privilege and no privilege group defined in this file\'s "privilegeGroups".',
          { privilege },
        ),
      );
      continue;
    }
    if (dbName === undefined || collectionName === undefined) continue;
    const target = { role: role ?? '', privilege, dbName, collectionName };
    const groupLevel = isBuiltInGroup(privilege)
      ? findGroup(privilege)?.level
      : custom
        ? commonLevel(custom)
        : undefined;
    const groupProblem = custom || isBuiltInGroup(privilege) ? levelProblem(groupLevel, privilege, target) : undefined;
    if (groupProblem)
      issues.add(
        g,
        'error',
        'invalid-level',
        l10n.t('{problem} Milvus refuses this grant.', { problem: groupProblem }),
      );
    else if (!custom) {
      const problem = privilegeLevelProblem(privilege, dbName, collectionName);
      if (problem) issues.add(g, 'warning', 'invalid-level', problem);
    }
  }
  duplicates(
    issues,
    entries,
    (g) => {
      const v: unknown = getNodeValue(g);
      if (typeof v !== 'object' || v === null) return undefined;
      const o = v as Record<string, unknown>;
      return JSON.stringify([o.role, o.privilege, o.dbName, o.collectionName]);
    },
    (g) => g,
    () => l10n.t('This grant appears twice.'),
  );
}

function lintUserRoles(root: Node, issues: Issues, roles: ReadonlySet<string>): void {
  const entries = items(root, 'userRoles');
  duplicates(
    issues,
    entries,
    (u) => text(field(u, 'user')),
    (u) => field(u, 'user'),
    (u) => l10n.t('User "{user}" is listed twice; put all its roles in one entry.', { user: u }),
  );
  for (const u of entries) {
    const bound = strings(field(u, 'roles'));
    duplicates(
      issues,
      bound,
      (r) => r.value as string,
      (r) => r,
      (r) => l10n.t('Role "{role}" appears twice for this user.', { role: r }),
    );
    for (const r of bound) {
      const role = r.value as string;
      if (!roles.has(role) && !BUILTIN_ROLES.has(role))
        issues.add(
          r,
          'error',
          'unknown-role',
          l10n.t(
            'Role "{role}" is not defined in this file\'s "roles": add it there, or bind a role the file defines.',
            { role },
          ),
        );
    }
  }
}

/** Every problem the schema cannot express, in document order of the sections. */
export function lintRbacText(content: string): RbacLintIssue[] {
  const root = parseTree(content, [], { allowTrailingComma: true, disallowComments: false });
  if (root?.type !== 'object') return [];
  const issues = new Issues();
  const roleEntries = items(root, 'roles');
  duplicates(
    issues,
    roleEntries,
    (r) => text(field(r, 'name')),
    (r) => field(r, 'name'),
    (n) => l10n.t('Role "{role}" is defined twice.', { role: n }),
  );
  const roles = new Set(roleEntries.map((r) => text(field(r, 'name'))).filter((n): n is string => n !== undefined));
  const groups = lintGroups(root, issues);
  lintGrants(root, issues, roles, groups);
  lintUserRoles(root, issues, roles);
  return issues.list;
}
