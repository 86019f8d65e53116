// Who may change whose password, as far as the client can tell (docs/milvus-behaviour.md U8–U10, §2.5, §2.6).
// Two gates on the server: (1) the privilege check wants UpdateUser on the target user, skipped for root, holders of
// admin and a user acting on itself; (2) UpdateCredential checks the target's old password unless the caller is listed
// in common.security.superUsers. Gate 1 can be worked out from the caller's roles and grants; gate 2 cannot, because no
// RPC reveals that setting (and root is not listed by default).
import * as l10n from '@vscode/l10n';
import { ADMIN_ROLE, PUBLIC_ROLE, ROOT_USER } from './builtIns';
import { groupMembers } from './effectivePrivileges';
import { ALL_PRIVILEGE, ANY_PRIVILEGE, isDefinedPrivilegeName } from './privileges';
import type { Grant, PrivilegeGroup } from '../types';

export const UPDATE_USER = 'UpdateUser';
export const SUPER_USERS_SETTING = 'common.security.superUsers';

/** What the client knows about the caller. Undefined lists could not be read (e.g. refused by the server). */
export interface PasswordCallerFacts {
  /** The login user; undefined when the connection sends no user name (no authentication, or an API key). */
  caller: string | undefined;
  /** The connection logs in with nothing: the server has authentication (and so the privilege check) off. */
  noAuth: boolean;
  target: string;
  /** The database the connection sends (`dbname`), which the privilege check reads. */
  database: string;
  /** The caller's roles (without the implicit public). */
  roles?: readonly string[];
  /** The grants of the caller's roles and of public. */
  grants?: readonly Grant[];
  /** Some roles' grants could not be read: `grants` holds the others. */
  grantsIncomplete?: boolean;
  /** The server's privilege groups (custom ones matter; built-ins are known without it). */
  groups?: readonly PrivilegeGroup[];
}

/** Gate 1: may the caller send UpdateCredential for the target at all? `may` undefined = could not tell. */
export interface UpdateUserAccess {
  may: boolean | undefined;
  why: string;
}

export type PasswordPath = 'oldPassword' | 'reset';

export interface PasswordOption {
  path: PasswordPath;
  label: string;
  detail: string;
}

export interface PasswordChangePlan {
  self: boolean;
  access: UpdateUserAccess;
  /** Set when nothing can work: the command stops with it before asking for any password. */
  refusal?: string;
  /** The ways to offer, the one that works first. Empty with a refusal. */
  options: PasswordOption[];
}

/**
 * Does the grant allow UpdateUser on `target` in `database`? A direct UpdateUser or `*` must be on the User object;
 * a group (built-in, legacy or custom) counts wherever it was granted. Undefined: it names a group we could not read.
 */
export function grantAllowsUpdateUser(
  grant: Grant,
  target: string,
  database: string,
  groups: readonly PrivilegeGroup[] | undefined,
): boolean | undefined {
  if (grant.dbName !== '*' && grant.dbName !== database) return false;
  if (grant.objectName !== '*' && grant.objectName !== target) return false;
  if (grant.privilege === UPDATE_USER || grant.privilege === ANY_PRIVILEGE) return grant.objectType === 'User';
  if (grant.privilege === ALL_PRIVILEGE) return true;
  const members = groupMembers(groups ?? [])(grant.privilege);
  if (members) return members.includes(UPDATE_USER);
  // Otherwise it is another privilege, or a custom group that is not in the list (unknown if the list is missing).
  return isDefinedPrivilegeName(grant.privilege) || groups !== undefined ? false : undefined;
}

/** Do these grants name custom groups, whose contents only the server's group list tells? */
export function namesCustomGroups(grants: readonly Grant[]): boolean {
  return grants.some((g) => g.privilege !== ANY_PRIVILEGE && !isDefinedPrivilegeName(g.privilege));
}

function scope(grant: Grant): string {
  const { objectName: user, dbName: database } = grant;
  if (user === '*')
    return database === '*' ? l10n.t('every user') : l10n.t('every user (database {database})', { database });
  return database === '*'
    ? l10n.t('user {user}', { user })
    : l10n.t('user {user} (database {database})', { user, database });
}

/** Gate 1, worked out from the facts. */
export function updateUserAccess(f: PasswordCallerFacts): UpdateUserAccess {
  if (f.noAuth) return { may: true, why: l10n.t('authentication is off on this server, so it checks no privileges') };
  if (f.caller === undefined)
    return {
      may: undefined,
      why: l10n.t('the connection logs in with a token that names no user, so its privileges are unknown'),
    };
  if (f.caller === f.target) return { may: true, why: l10n.t('a user may always change its own password') };
  if (f.caller === ROOT_USER) return { may: true, why: l10n.t('root passes every privilege check') };
  const caller = f.caller;
  if (f.roles === undefined)
    return { may: undefined, why: l10n.t('the roles of {user} could not be read', { user: caller }) };
  if (f.roles.includes(ADMIN_ROLE)) return { may: true, why: l10n.t('{user} has the admin role', { user: caller }) };
  let unknown = f.grants === undefined || f.grantsIncomplete === true;
  for (const grant of f.grants ?? []) {
    const allows = grantAllowsUpdateUser(grant, f.target, f.database, f.groups);
    if (allows) {
      const args = { role: grant.role, user: caller, privilege: grant.privilege, scope: scope(grant) };
      const why =
        grant.privilege === UPDATE_USER
          ? l10n.t('role {role} of {user} grants {privilege} on {scope}', args)
          : l10n.t('role {role} of {user} grants {privilege} (which holds {updateUser}) on {scope}', {
              ...args,
              updateUser: UPDATE_USER,
            });
      return { may: true, why };
    }
    if (allows === undefined) unknown = true;
  }
  if (unknown)
    return { may: undefined, why: l10n.t("the grants of {user}'s roles could not all be read", { user: caller }) };
  const roles = [...new Set([...f.roles, PUBLIC_ROLE])].join(', ');
  return {
    may: false,
    why: l10n.t("none of {user}'s roles ({roles}) grants {privilege} on {target}", {
      user: caller,
      roles,
      privilege: UPDATE_USER,
      target: f.target,
    }),
  };
}

function resetDetail(f: PasswordCallerFacts): string {
  const args = { user: f.caller ?? l10n.t('the connection user'), setting: SUPER_USERS_SETTING };
  return l10n.t(
    'No old password. Works only if {user} is listed in the server setting {setting}, which the server does not reveal (root is not listed by default); otherwise the server refuses after the new password is typed.',
    args,
  );
}

/** The decision: which ways to offer, in which order, or why none can work. */
export function planPasswordChange(f: PasswordCallerFacts): PasswordChangePlan {
  const self = f.caller !== undefined && f.caller === f.target;
  const access = updateUserAccess(f);
  if (access.may === false) {
    return {
      self,
      access,
      refusal: l10n.t(
        "{user} may not change the password of {target}: {why}. Changing another user's password needs {privilege} (through the admin role, or a grant of {privilege} or a group that holds it, such as ClusterAdmin); being listed in {setting} does not replace it. Ask an administrator for that privilege, or connect as root or as the user whose password it is.",
        {
          user: f.caller ?? l10n.t('This connection'),
          target: f.target,
          why: access.why,
          privilege: UPDATE_USER,
          setting: SUPER_USERS_SETTING,
        },
      ),
      options: [],
    };
  }
  const args = { why: access.why, target: f.target };
  const oldPassword: PasswordOption = {
    path: 'oldPassword',
    label: l10n.t('Enter the old password'),
    detail:
      access.may === true
        ? l10n.t('Allowed: {why}. Needs the current password of {target}.', args)
        : l10n.t('Could not check that this is allowed: {why}. Needs the current password of {target}.', args),
  };
  // Without credentials the request names no caller, whom the server then cannot count as a superuser.
  if (f.noAuth) return { self, access, options: [oldPassword] };
  return {
    self,
    access,
    options: [oldPassword, { path: 'reset', label: l10n.t('Reset without the old password'), detail: resetDetail(f) }],
  };
}
