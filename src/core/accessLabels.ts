// How the tree and the pickers describe who holds a role and how far a user's access goes. Counting members of `public`
// or roles of root would mislead: every user holds `public` implicitly, and root and holders of `admin` pass every
// privilege check (docs/milvus-behaviour.md §3.5: unless the server sets common.security.rootShouldBindRole).
import { ADMIN_ROLE, PUBLIC_ROLE, ROOT_USER } from './builtIns';
import { unrestrictedReason } from './effectivePrivileges';
import type { RoleWithUsers, UserWithRoles } from './types';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 members"; `public`: "every user" (explicit bindings, which change nothing, are counted separately). */
export function memberSummary(role: Pick<RoleWithUsers, 'name' | 'users'>): string {
  if (role.name !== PUBLIC_ROLE) return plural(role.users.length, 'member');
  return role.users.length > 0 ? `every user (${role.users.length} also bound explicitly)` : 'every user';
}

/** Root and holders of `admin`: no grant limits them. */
export function isUnrestricted(user: Pick<UserWithRoles, 'name' | 'roles'>): boolean {
  return unrestrictedReason(user.name, user.roles) !== undefined;
}

/** A user's roles as a short description: "reader, writer", "no roles", "superuser · unrestricted", "admin · unrestricted". */
export function rolesSummary(user: Pick<UserWithRoles, 'name' | 'roles'>): string {
  const roles = user.roles.join(', ');
  if (user.name === ROOT_USER) return roles ? `superuser · unrestricted · ${roles}` : 'superuser · unrestricted';
  if (isUnrestricted(user)) return `${roles} · unrestricted`;
  return roles || 'no roles';
}

/** One sentence on why a user or role is unrestricted or shared by everyone, for tooltips; undefined otherwise. */
export function accessNote(
  subject: { user: Pick<UserWithRoles, 'name' | 'roles'> } | { role: string },
): string | undefined {
  if ('role' in subject) {
    if (subject.role === PUBLIC_ROLE) return 'Every user holds this role implicitly: its grants apply to everyone.';
    if (subject.role === ADMIN_ROLE)
      return 'Holders of this role pass every privilege check: all privileges, whatever the grants.';
    return undefined;
  }
  if (subject.user.name === ROOT_USER)
    return 'The built-in superuser passes every privilege check (unless the server sets common.security.rootShouldBindRole).';
  if (isUnrestricted(subject.user)) return 'Holds the admin role: passes every privilege check.';
  return undefined;
}
