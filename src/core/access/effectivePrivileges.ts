// What a user may do, worked out the way Milvus decides it (docs/milvus-behaviour.md §2.6): root and any holder of the
// admin role may do everything; everyone else holds the union of its roles' grants plus those of public, which every
// user has implicitly; a grant of a privilege group grants each privilege in it.
import * as l10n from '@vscode/l10n';
import { ADMIN_ROLE, PUBLIC_ROLE, ROOT_USER } from './builtIns';
import { isZilliz, ZILLIZ_ADMIN_USER } from './flavor';
import { grantScope, type GrantScope } from './grantScope';
import { findGroup } from './privileges';
import type { Flavor, Grant, PrivilegeGroup } from '../types';

export interface EffectivePrivilege {
  privilege: string;
  /** Where it applies (src/core/access/grantScope.ts): the same scope the tree shows for the grant. */
  scope: GrantScope;
  /** Where it comes from: `reader`, or `reader (group CollectionReadOnly)` (in the display language); sorted, no repeats. */
  via: string[];
}

export interface EffectiveAccess {
  user: string;
  /** The user's roles with `public` added, as the server counts them. */
  roles: string[];
  /** Why the user may do everything, when it may. */
  unrestricted?: string;
  privileges: EffectivePrivilege[];
}

/** The roles whose grants apply to `user`: its own and `public`. */
export function rolesInEffect(roles: readonly string[]): string[] {
  return [...new Set([...roles, PUBLIC_ROLE])];
}

/**
 * Why `user` with these roles may do everything (root, or a holder of admin; on Zilliz Cloud also db_admin and holders of
 * its db_admin role, §10 Z2), or undefined.
 */
export function unrestrictedReason(user: string, roles: readonly string[], flavor?: Flavor): string | undefined {
  if (user === ROOT_USER) return l10n.t('root is the built-in superuser: the server checks no privileges for it.');
  if (roles.includes(ADMIN_ROLE))
    return l10n.t('{user} has the admin role, which the server lets do everything.', { user });
  if (isZilliz(flavor) && roles.includes(ZILLIZ_ADMIN_USER))
    return l10n.t("{user} has the db_admin role, Zilliz Cloud's Admin role, which may do everything on the cluster.", {
      user,
    });
  return undefined;
}

/**
 * The privileges a group name stands for, flattened (a custom group may hold built-in groups, PG7), or undefined when
 * the name is no group. The server's list wins; the legacy groups (never listed, §4.4) and servers without groups fall
 * back to the built-in catalogue.
 */
export function groupMembers(groups: readonly PrivilegeGroup[]): (name: string) => string[] | undefined {
  const listed = new Map(groups.map((g) => [g.name, g.privileges]));
  const direct = (name: string): readonly string[] | undefined => listed.get(name) ?? findGroup(name)?.privileges;
  const expand = (name: string, seen: ReadonlySet<string>): string[] => {
    const members = direct(name) ?? [];
    return members.flatMap((m) => (direct(m) && !seen.has(m) ? expand(m, new Set([...seen, m])) : [m]));
  };
  return (name) => (direct(name) ? [...new Set(expand(name, new Set([name])))] : undefined);
}

/**
 * Folds the grants of the user's roles into one row per (privilege, scope). `grantsByRole` holds the grants of each role
 * in `rolesInEffect`; `groups` the server's privilege groups (empty where it has none).
 */
export function effectiveAccess(
  user: string,
  roles: readonly string[],
  grantsByRole: ReadonlyMap<string, readonly Grant[]>,
  groups: readonly PrivilegeGroup[],
  flavor?: Flavor,
): EffectiveAccess {
  const inEffect = rolesInEffect(roles);
  const membersOf = groupMembers(groups);
  const rows = new Map<string, EffectivePrivilege>();
  const add = (privilege: string, scope: GrantScope, via: string): void => {
    const key = JSON.stringify([privilege, scope.level, scope.dbName, scope.objectName]);
    const row = rows.get(key) ?? { privilege, scope, via: [] };
    if (!row.via.includes(via)) row.via.push(via);
    rows.set(key, row);
  };
  for (const role of inEffect) {
    for (const grant of grantsByRole.get(role) ?? []) {
      const scope = grantScope(grant);
      const members = membersOf(grant.privilege);
      if (members) {
        const via = l10n.t('{role} (group {group})', { role, group: grant.privilege });
        for (const privilege of members) add(privilege, scope, via);
      } else add(grant.privilege, scope, role);
    }
  }
  const privileges = [...rows.values()]
    .map((row) => ({ ...row, via: [...row.via].sort() }))
    .sort(
      (a, b) =>
        compare(a.scope.dbName, b.scope.dbName) ||
        compare(a.scope.objectName, b.scope.objectName) ||
        compare(a.privilege, b.privilege),
    );
  return { user, roles: inEffect, unrestricted: unrestrictedReason(user, inEffect, flavor), privileges };
}

/** `*` sorts first; otherwise by code unit, so the order does not depend on the locale. */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '*') return -1;
  if (b === '*') return 1;
  return a < b ? -1 : 1;
}

/** How a privilege name reads in a report: `*` is every privilege. */
export function privilegeLabel(privilege: string): string {
  return privilege === '*' ? l10n.t('all privileges') : privilege;
}

/** The columns of the effective-privileges table, on the page and in its Markdown copy. */
export function effectiveAccessColumns(): string[] {
  return [l10n.t('Privilege'), l10n.t('Scope'), l10n.t('Through')];
}

/** Only what would break a Markdown table row (the reports can be copied as Markdown). */
export function markdownCell(text: string): string {
  return text.replace(/[\\|]/g, '\\$&').replace(/[\r\n]+/g, ' ');
}

/** A one-line summary: who, where, through which roles. */
export function effectiveAccessSummary(access: EffectiveAccess, where: string): string {
  return l10n.t('On {where}. Roles in effect: {roles} (every user has {public}).', {
    where,
    roles: access.roles.join(', '),
    public: PUBLIC_ROLE,
  });
}

/** A Markdown report of `access`: who, through which roles, and a table of what (for "Copy as Markdown"). */
export function effectiveAccessMarkdown(access: EffectiveAccess, where: string): string {
  const lines = [
    `# ${l10n.t('Effective privileges of {0}', markdownCell(access.user))}`,
    '',
    markdownCell(effectiveAccessSummary(access, where)),
    '',
  ];
  if (access.unrestricted) lines.push(`**${l10n.t('Unrestricted.')}** ${markdownCell(access.unrestricted)}`, '');
  if (access.privileges.length === 0) {
    lines.push(noPrivilegesText(access));
    return `${lines.join('\n')}\n`;
  }
  lines.push(`| ${effectiveAccessColumns().map(markdownCell).join(' | ')} |`, '| --- | --- | --- |');
  for (const p of access.privileges)
    lines.push(
      `| ${markdownCell(privilegeLabel(p.privilege))} | ${markdownCell(p.scope.label)} | ${p.via.map(markdownCell).join(', ')} |`,
    );
  return `${lines.join('\n')}\n`;
}

/** What the report says when there is no row. */
export function noPrivilegesText(access: EffectiveAccess): string {
  return access.unrestricted
    ? l10n.t('No grants besides that.')
    : l10n.t('No privileges: every request that needs one is refused with "permission deny".');
}
