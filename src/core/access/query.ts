// The questions admins ask: "can <user> do <privilege> on <db>.<collection>?" and "who can do <privilege> on
// <db>.<collection>?", answered from the listings the way the server decides (docs/milvus-behaviour.md §2.6, §4.1, §4.4):
// root and holders of admin may do everything; public applies to every user; a group grants its members; `*` and `All`
// grant every privilege; `*` as database or collection covers every database or collection.
import * as l10n from '@vscode/l10n';
import { ADMIN_ROLE, PUBLIC_ROLE } from './builtIns';
import { groupMembers, rolesInEffect, unrestrictedReason } from './effectivePrivileges';
import { grantScope, isWildcardPrivilege, grantSpecScope, type GrantScope } from './grantScope';
import { isLegacyGroup, levelOf } from './privileges';
import type { Flavor, Grant, PrivilegeGroup, UserWithRoles } from '../types';

export interface AccessQuery {
  privilege: string;
  dbName: string;
  /** A collection name, or `*` for "every collection" (then only grants on every collection count). */
  collectionName: string;
}

/** One grant that allows the query, and the role it came through. */
export interface AccessReason {
  role: string;
  grant: Grant;
  scope: GrantScope;
  /** The privilege group (or `*` / `All`) through which the grant covers the privilege, when not granted by name. */
  through?: string;
}

export interface CanAnswer {
  user: string;
  query: AccessQuery;
  allowed: boolean;
  /** Why the user may do everything, when it may (root, admin). */
  unrestricted?: string;
  /** Every grant that allows it; empty when only `unrestricted` does, or nothing does. */
  reasons: AccessReason[];
  /** The roles that were looked at: the user's own and public. */
  roles: string[];
}

export interface WhoAnswer {
  query: AccessQuery;
  /** The users that may, in listing order; each with its reasons or its unrestricted note. */
  users: { user: string; unrestricted?: string; reasons: AccessReason[] }[];
}

export type Members = (name: string) => string[] | undefined;

/** How `grant` covers `privilege`: by name (''), through a wildcard or a group (its name), or not at all (undefined). */
export function coverage(grant: Grant, privilege: string, membersOf: Members): string | undefined {
  if (grant.privilege === privilege) return '';
  if (isWildcardPrivilege(grant.privilege)) return grant.privilege;
  return membersOf(grant.privilege)?.includes(privilege) ? grant.privilege : undefined;
}

/** Whether the grant's scope reaches the query's database and collection. */
function reaches(grant: Grant, scope: GrantScope, query: AccessQuery): boolean {
  // The legacy groups need the request's database to equal the grant's exactly: a grant on DB `*` matches nothing (§4.4).
  const dbOk = isLegacyGroup(grant.privilege)
    ? scope.dbName === query.dbName
    : scope.dbName === '*' || scope.dbName === query.dbName;
  return dbOk && (scope.objectName === '*' || scope.objectName === query.collectionName);
}

/** The grants of `roles` that allow the query. */
function reasonsFor(
  roles: readonly string[],
  query: AccessQuery,
  grantsByRole: ReadonlyMap<string, readonly Grant[]>,
  membersOf: Members,
): AccessReason[] {
  const reasons: AccessReason[] = [];
  for (const role of roles) {
    for (const grant of grantsByRole.get(role) ?? []) {
      const through = coverage(grant, query.privilege, membersOf);
      if (through === undefined) continue;
      const scope = grantScope(grant);
      if (reaches(grant, scope, query))
        reasons.push(through ? { role, grant, scope, through } : { role, grant, scope });
    }
  }
  return reasons;
}

/** Can `user` (bound to `roles`) do the query? `grantsByRole` must hold the grants of every role in rolesInEffect(roles). */
export function canDo(
  user: string,
  roles: readonly string[],
  query: AccessQuery,
  grantsByRole: ReadonlyMap<string, readonly Grant[]>,
  groups: readonly PrivilegeGroup[],
  flavor?: Flavor,
): CanAnswer {
  const inEffect = rolesInEffect(roles);
  const unrestricted = unrestrictedReason(user, inEffect, flavor);
  const reasons = reasonsFor(inEffect, query, grantsByRole, groupMembers(groups));
  return {
    user,
    query,
    allowed: unrestricted !== undefined || reasons.length > 0,
    ...(unrestricted ? { unrestricted } : {}),
    reasons,
    roles: inEffect,
  };
}

/** Who may do the query, among `users` (one SelectUser listing); `grantsByRole` holds the grants of their roles and public. */
export function whoCan(
  query: AccessQuery,
  users: readonly UserWithRoles[],
  grantsByRole: ReadonlyMap<string, readonly Grant[]>,
  groups: readonly PrivilegeGroup[],
  flavor?: Flavor,
): WhoAnswer {
  const answers = users.map((u) => canDo(u.name, u.roles, query, grantsByRole, groups, flavor));
  return {
    query,
    users: answers
      .filter((a) => a.allowed)
      .map((a) => ({ user: a.user, ...(a.unrestricted ? { unrestricted: a.unrestricted } : {}), reasons: a.reasons })),
  };
}

/** The roles whose grants a "who can" answer needs: every role some user holds, and public; admin needs none. */
export function rolesToRead(users: readonly UserWithRoles[]): string[] {
  return rolesInEffect(users.flatMap((u) => u.roles)).filter((r) => r !== ADMIN_ROLE);
}

/**
 * `Search on collection default.books`, `CreateCollection on database db1`: the query's scope named as a grant's would
 * be. A cluster-level privilege is named without the database it was checked in (`SelectOwnership on cluster`).
 */
export function queryLabel(query: AccessQuery): string {
  const dbName = levelOf(query.privilege) === 'Cluster' ? '*' : query.dbName;
  return l10n.t('{privilege} on {scope}', {
    privilege: query.privilege,
    scope: grantSpecScope({ role: '', ...query, dbName }).label,
  });
}

/** `role reader: CollectionReadOnly on collection default.books`. */
export function reasonLabel(reason: AccessReason): string {
  return l10n.t('role {role}: {privilege} on {scope}', {
    role: reason.role,
    privilege: reason.grant.privilege,
    scope: reason.scope.label,
  });
}

/** The answer as one or two sentences, for a notification and the log (names only). */
export function canSentence(answer: CanAnswer): string {
  const what = queryLabel(answer.query);
  const user = answer.user;
  if (answer.unrestricted) return l10n.t('Yes: {user} may do {what}. {why}', { user, what, why: answer.unrestricted });
  if (answer.allowed)
    return l10n.t('Yes: {user} may do {what}, through {reasons}.', {
      user,
      what,
      reasons: answer.reasons.map(reasonLabel).join('; '),
    });
  return l10n.t('No: nothing allows {user} to do {what}. Roles looked at: {roles} ({public} applies to every user).', {
    user,
    what,
    roles: answer.roles.join(', '),
    public: PUBLIC_ROLE,
  });
}
