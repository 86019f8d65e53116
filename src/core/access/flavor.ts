// Milvus or Zilliz Cloud (docs/milvus-behaviour.md §10): which server a connection talks to, and the rules a Zilliz
// Cloud cluster adds. Dedicated: the built-in user db_admin and roles db_admin, db_rw, db_ro are never changed, custom
// roles hold built-in privilege groups only, 100 users at most. Serverless: no cluster RBAC at all (the console only).
import * as l10n from '@vscode/l10n';
import type { Flavor } from '../connectionSchema';
import { MilvusError } from '../errors/milvusError';
import { ROOT_USER } from './builtIns';
import { isBuiltInGroup } from './privileges';

export type { Flavor };

/** Where a Zilliz Cloud user manages a Serverless cluster's access (and everything else). */
export const ZILLIZ_CONSOLE_URL = 'https://cloud.zilliz.com/';
/** Z1: the cluster's own administrator, created with it, never dropped. */
export const ZILLIZ_ADMIN_USER = 'db_admin';
/** Z2: the cloud's built-in roles (Admin, Read-Write, Read-Only). */
export const ZILLIZ_ROLES: ReadonlySet<string> = new Set(['db_admin', 'db_rw', 'db_ro']);
/** Z9: users per cluster, db_admin included. */
export const ZILLIZ_MAX_USERS = 100;

/**
 * The flavour a URI suggests (§10: the documented endpoint formats). `*.serverless.*.zillizcloud.com` is Serverless (or
 * Free, which behaves the same); any other `zillizcloud.com` or `cloud.zilliz.com` host is taken for Dedicated.
 */
export function flavorFromUri(uri: string): Flavor {
  const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#]+)/i.exec(uri.trim())?.[1]?.toLowerCase() ?? '';
  const zilliz = /(^|\.)zillizcloud\.com$/.test(host) || /(^|\.)cloud\.zilliz\.com$/.test(host);
  if (!zilliz) return 'milvus';
  return /(^|\.)serverless\./.test(host) ? 'zilliz-serverless' : 'zilliz-dedicated';
}

/** The profile's choice, or (for 'auto' and an unset choice) what the URI suggests. */
export function resolveFlavor(choice: Flavor | 'auto' | undefined, uri: string): Flavor {
  return choice && choice !== 'auto' ? choice : flavorFromUri(uri);
}

export function isZilliz(flavor: Flavor | undefined): boolean {
  return flavor === 'zilliz-dedicated' || flavor === 'zilliz-serverless';
}

/** The user that passes every privilege check and that nothing may drop or unbind: root, or db_admin on Zilliz. */
export function isSuperUser(flavor: Flavor | undefined, user: string | undefined): boolean {
  return user === ROOT_USER || (isZilliz(flavor) && user === ZILLIZ_ADMIN_USER);
}

/** A user no command may drop (root everywhere; db_admin on Zilliz Cloud). */
export function isProtectedUser(flavor: Flavor | undefined, user: string): boolean {
  return isSuperUser(flavor, user);
}

/** A built-in role that takes no grant, revoke, description or drop at all (Zilliz Cloud's own three, Z2, Z4). */
export function isLockedRole(flavor: Flavor | undefined, role: string): boolean {
  return isZilliz(flavor) && ZILLIZ_ROLES.has(role);
}

/** A binding no command may remove: db_admin's own db_admin role (Z3). */
export function isLockedBinding(flavor: Flavor | undefined, user: string, role: string): boolean {
  return isZilliz(flavor) && user === ZILLIZ_ADMIN_USER && role === ZILLIZ_ADMIN_USER;
}

/** Thrown instead of any access-control RPC on a Serverless cluster: the tree shows it as a hint with a link. */
export class ManagedInConsoleError extends MilvusError {
  constructor() {
    super(
      'invalidInput',
      l10n.t(
        'Access control on Zilliz Cloud Serverless clusters is managed in the Zilliz Cloud console ({url}), not through Milvus users and roles. Nothing was sent.',
        { url: ZILLIZ_CONSOLE_URL },
      ),
    );
    this.name = 'ManagedInConsoleError';
  }
}

/** Why a grant or revoke may not be sent on this flavour (one sentence), or undefined. */
export function grantRefusal(
  flavor: Flavor | undefined,
  grant: { role: string; privilege: string },
  action: 'grant' | 'revoke',
): string | undefined {
  if (flavor !== 'zilliz-dedicated') return undefined;
  if (ZILLIZ_ROLES.has(grant.role))
    return l10n.t('{role} is a built-in role of Zilliz Cloud: its privileges cannot be changed.', { role: grant.role });
  if (action === 'grant' && !isBuiltInGroup(grant.privilege))
    return l10n.t(
      'Zilliz Cloud grants custom roles built-in privilege groups only; "{privilege}" is not one (role {role}).',
      { privilege: grant.privilege, role: grant.role },
    );
  return undefined;
}

/** Why a role may not be dropped or edited on this flavour, or undefined. */
export function roleRefusal(flavor: Flavor | undefined, role: string): string | undefined {
  return isLockedRole(flavor, role)
    ? l10n.t('{role} is a built-in role of Zilliz Cloud: it cannot be changed or dropped.', { role })
    : undefined;
}

/** Why a user may not be dropped on this flavour, or undefined (root is refused by the server itself). */
export function userDropRefusal(flavor: Flavor | undefined, user: string): string | undefined {
  return isZilliz(flavor) && user === ZILLIZ_ADMIN_USER
    ? l10n.t('db_admin is the built-in administrator of a Zilliz Cloud cluster: it cannot be dropped.')
    : undefined;
}

/** Why a role may not be taken from a user, or undefined. */
export function unbindRefusal(flavor: Flavor | undefined, user: string, role: string): string | undefined {
  return isLockedBinding(flavor, user, role) ? l10n.t('db_admin keeps its db_admin role on Zilliz Cloud.') : undefined;
}

/** Why one more user may not be created on a cluster that has `count` users, or undefined. */
export function userCapRefusal(flavor: Flavor | undefined, count: number): string | undefined {
  return isZilliz(flavor) && count >= ZILLIZ_MAX_USERS
    ? l10n.t('A Zilliz Cloud cluster holds at most {max} users, and this one has {count}. Drop a user first.', {
        max: ZILLIZ_MAX_USERS,
        count,
      })
    : undefined;
}

/** Why privilege groups may not be changed on this flavour, or undefined. */
export function groupRefusal(flavor: Flavor | undefined): string | undefined {
  return flavor === 'zilliz-dedicated'
    ? l10n.t('Zilliz Cloud has no user-defined privilege groups: use its built-in groups.')
    : undefined;
}

/** Whether a Users, Roles or Privilege groups folder offers its create item on this flavour (the menus follow these refusals). */
export function createsIn(flavor: Flavor | undefined, folder: 'users' | 'roles' | 'privilegeGroups'): boolean {
  if (flavor === 'zilliz-serverless') return false;
  return folder !== 'privilegeGroups' || groupRefusal(flavor) === undefined;
}
