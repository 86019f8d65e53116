// The programmatic arguments of the user, role, privilege and privilege-group commands (tests, other commands), one
// interface per command. From a menu the argument is the tree node; from the palette there is none and the user picks.
// See the test API comment in src/extension.ts for the result of each command.
import type { PrivilegeLevel } from '../../core/types';
import { isConnectionArgs } from './connectionArgs';

/** `id` is the connection id. */
export interface ConnectionRef {
  id?: string;
}
export interface UserRef extends ConnectionRef {
  user?: string;
}
export interface RoleRef extends ConnectionRef {
  role?: string;
}
export interface GroupRef extends ConnectionRef {
  group?: string;
}
/** Skip the modal confirmation of a destructive command. */
export interface Confirmed {
  confirm?: boolean;
}

export interface CreateUserArgs extends ConnectionRef {
  username?: string;
  password?: string;
  roles?: string[];
  description?: string;
}
export interface DropUserArgs extends UserRef, Confirmed {
  /** Skip the second confirmation when dropping the user the connection logs in as. */
  confirmSelf?: boolean;
}
export interface EditUserRolesArgs extends UserRef {
  roles?: string[];
}
/** editUserDescription / editRoleDescription: no InputBox when given. */
export interface DescriptionArgs extends UserRef, RoleRef {
  description?: string;
}
export interface ChangePasswordArgs extends UserRef {
  /** The user's own change. */
  oldPassword?: string;
  newPassword?: string;
  /** A superuser reset, without the old password. */
  reset?: boolean;
  /** Store the new password for the other saved connections that log in as the user (skips the question). */
  updateOtherConnections?: boolean;
}
/** Change My Password: the connection's own login user, with its old password (never a reset). */
export type ChangeMyPasswordArgs = ConnectionRef &
  Pick<ChangePasswordArgs, 'oldPassword' | 'newPassword' | 'updateOtherConnections'>;
export interface CreateRoleArgs extends RoleRef {
  description?: string;
}
export interface DropRoleArgs extends RoleRef, Confirmed {
  /** Revoke the role's grants (or force-drop) when it has any. */
  revokeGrants?: boolean;
}
export interface DuplicateRoleArgs extends RoleRef {
  /** The name of the copy (skips the InputBox). */
  newRole?: string;
}
/** addRoleMember (`users`) / removeRoleMember (`user`). */
export interface MemberArgs extends RoleRef, UserRef, Confirmed {
  users?: string[];
}
/** The privilege, level and scope of grantPrivilege, revokePrivilege, canUserDo and whoCan (`*` when omitted). */
export interface GrantArgs extends RoleRef, UserRef, Confirmed {
  privilege?: string;
  /** grantPrivilege: several at once (a report per privilege). */
  privileges?: string[];
  level?: PrivilegeLevel;
  dbName?: string;
  collectionName?: string;
}
/** createPrivilegeGroup, add/removePrivileges(To|From)Group, dropPrivilegeGroup. */
export interface GroupArgs extends GroupRef, Confirmed {
  privileges?: string[];
}

/** The plain-object argument of a command, or `{}` for a tree node or none. The shape is the caller's contract. */
export function commandArgs<T extends ConnectionRef>(arg: unknown): T {
  return isConnectionArgs(arg) ? (arg as T) : ({} as T);
}
