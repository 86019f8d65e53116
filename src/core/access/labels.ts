// How the tree and the pickers describe who holds a role and how far a user's access goes. Counting members of `public`
// or roles of root would mislead: every user holds `public` implicitly, and root and holders of `admin` pass every
// privilege check (docs/milvus-behaviour.md §3.5: unless the server sets common.security.rootShouldBindRole).
import * as l10n from '@vscode/l10n';
import { ADMIN_ROLE, PUBLIC_ROLE, ROOT_USER } from './builtIns';
import { unrestrictedReason } from './effectivePrivileges';
import type { RoleWithUsers, UserWithRoles } from '../types';

/** "2 members"; `public`: "every user" (explicit bindings, which change nothing, are counted separately). */
export function memberSummary(role: Pick<RoleWithUsers, 'name' | 'users'>): string {
  const n = role.users.length;
  if (role.name !== PUBLIC_ROLE) return n === 1 ? l10n.t('1 member') : l10n.t('{0} members', n);
  return n > 0 ? l10n.t('every user ({0} also bound explicitly)', n) : l10n.t('every user');
}

/** Root and holders of `admin`: no grant limits them. */
export function isUnrestricted(user: Pick<UserWithRoles, 'name' | 'roles'>): boolean {
  return unrestrictedReason(user.name, user.roles) !== undefined;
}

/** A user's roles as a short description: "reader, writer", "no roles", "superuser · unrestricted", "admin · unrestricted". */
export function rolesSummary(user: Pick<UserWithRoles, 'name' | 'roles'>): string {
  const roles = user.roles.join(', ');
  if (user.name === ROOT_USER)
    return roles ? l10n.t('superuser · unrestricted · {0}', roles) : l10n.t('superuser · unrestricted');
  if (isUnrestricted(user)) return l10n.t('{0} · unrestricted', roles);
  return roles || l10n.t('no roles');
}

/** One sentence on why a user or role is unrestricted or shared by everyone, for tooltips; undefined otherwise. */
export function accessNote(
  subject: { user: Pick<UserWithRoles, 'name' | 'roles'> } | { role: string },
): string | undefined {
  if ('role' in subject) {
    if (subject.role === PUBLIC_ROLE)
      return l10n.t('Every user holds this role implicitly: its grants apply to everyone.');
    if (subject.role === ADMIN_ROLE)
      return l10n.t('Holders of this role pass every privilege check: all privileges, whatever the grants.');
    return undefined;
  }
  if (subject.user.name === ROOT_USER)
    return l10n.t(
      'The built-in superuser passes every privilege check (unless the server sets common.security.rootShouldBindRole).',
    );
  if (isUnrestricted(subject.user)) return l10n.t('Holds the admin role: passes every privilege check.');
  return undefined;
}
