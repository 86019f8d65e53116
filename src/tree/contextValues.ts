// The contextValue of every node kind. Menus in package.json match these with `viewItem == …` or `viewItem =~ /…/`.
export const CTX = {
  connectedConnection: 'connectedConnection',
  disconnectedConnection: 'disconnectedConnection',
  usersFolder: 'folder.users',
  rolesFolder: 'folder.roles',
  privilegeGroupsFolder: 'folder.privilegeGroups',
  /** `user`, plus `.root` for root and `.self` for the user the connection logs in as: `user.root.self`. */
  user: 'user',
  role: 'role',
  builtinRole: 'role.builtin',
  grant: 'grant',
  customGroup: 'privilegeGroup.custom',
  builtinGroup: 'privilegeGroup.builtin',
  privilegeInCustomGroup: 'privilege.custom',
  privilegeInBuiltinGroup: 'privilege.builtin',
  noAccess: 'message.noAccess',
  error: 'message.error',
  info: 'message.info',
  showMore: 'showMore',
} as const;

export function userContext(isRoot: boolean, isSelf: boolean): string {
  return `${CTX.user}${isRoot ? '.root' : ''}${isSelf ? '.self' : ''}`;
}

/** Roles the server creates itself (OSS and Zilliz Cloud); they get no destructive menu items. */
export const BUILTIN_ROLES: ReadonlySet<string> = new Set(['admin', 'public', 'db_admin', 'db_rw', 'db_ro']);
export const ROOT_USER = 'root';
