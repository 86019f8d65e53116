// The contextValue of every node kind. Menus in package.json match these with `viewItem == …` or `viewItem =~ /…/`.
export const CTX = {
  connectedConnection: 'connectedConnection',
  disconnectedConnection: 'disconnectedConnection',
  usersFolder: 'folder.users',
  rolesFolder: 'folder.roles',
  privilegeGroupsFolder: 'folder.privilegeGroups',
  /** `user`, plus `.root` for root and `.self` for the user the connection logs in as: `user.root.self` (see NO_DESCRIPTION_EDIT). */
  user: 'user',
  role: 'role',
  builtinRole: 'role.builtin',
  grant: 'grant',
  /** The two sections under a role; `.public` on public's Members (no Add Member: everyone holds public). */
  roleMembers: 'section.members',
  roleGrants: 'section.grants',
  member: 'member',
  customGroup: 'privilegeGroup.custom',
  builtinGroup: 'privilegeGroup.builtin',
  privilegeInCustomGroup: 'privilege.custom',
  privilegeInBuiltinGroup: 'privilege.builtin',
  noAccess: 'message.noAccess',
  error: 'message.error',
  info: 'message.info',
  showMore: 'showMore',
} as const;

/** Appended to a folder's contextValue while a name filter is set (`folder.users.filtered`): shows Clear Filter. */
export const FILTERED = '.filtered';

/**
 * Appended to a user's or role's contextValue when the server cannot change descriptions (before Milvus 2.6.19), so the
 * Edit Description items stay hidden. A marker for the missing feature keeps the common values short: `user`, `role`.
 */
export const NO_DESCRIPTION_EDIT = '.noDescriptionEdit';

export function userContext(isRoot: boolean, isSelf: boolean, descriptionEditable: boolean): string {
  return `${CTX.user}${isRoot ? '.root' : ''}${isSelf ? '.self' : ''}${descriptionEditable ? '' : NO_DESCRIPTION_EDIT}`;
}

export function roleContext(builtIn: boolean, descriptionEditable: boolean): string {
  return `${builtIn ? CTX.builtinRole : CTX.role}${descriptionEditable ? '' : NO_DESCRIPTION_EDIT}`;
}

/** Built-in roles get no destructive menu items; root cannot be dropped. */
export { BUILTIN_ROLES, ROOT_USER } from '../core/builtIns';
