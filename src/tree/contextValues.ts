// The contextValue of every node kind. Menus in package.json match these with `viewItem == …` or `viewItem =~ /…/`;
// a kind with state carries flags (see contextValue).
export const CTX = {
  connectedConnection: 'connectedConnection',
  disconnectedConnection: 'disconnectedConnection',
  usersFolder: 'folder.users',
  rolesFolder: 'folder.roles',
  privilegeGroupsFolder: 'folder.privilegeGroups',
  /** With flags, see userContext. */
  user: 'user',
  role: 'role',
  builtinRole: 'role.builtin',
  grant: 'grant',
  /** The two sections under a role; `.public` on public's Members (no Add Member: everyone holds public). */
  roleMembers: 'section.members',
  roleGrants: 'section.grants',
  /** A scope inside a role's Grants when they are grouped (cluster, a database, a collection). */
  grantScope: 'section.grantScope',
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

/**
 * A contextValue is a kind followed by one `.flag` per state that is set, e.g. `user.root.self`. The when clauses in
 * package.json test the kind with `/^user\b/` and each flag on its own, `(?=.*\.self\b)` (has it) or
 * `(?!.*\.root\b)` (lacks it), so a new flag rewrites no clause and the order of the flags does not matter
 * (test/unit/contextValues.test.ts tries every order).
 */
export function contextValue(kind: string, flags: Readonly<Record<string, boolean>>): string {
  return [kind, ...Object.keys(flags).filter((flag) => flags[flag])].join('.');
}

/**
 * Flags: `filtered` while a name filter is set (shows Clear Filter); `noAccess` once the server refused the listing
 * (hides the create item of a Privilege groups folder the user may not read); `noCreate` where the flavour refuses
 * creation there (Zilliz Cloud Serverless: all three folders; Dedicated: privilege groups), which hides the create item.
 */
export function folderContext(kind: string, filtered: boolean, noAccess = false, noCreate = false): string {
  return contextValue(kind, { filtered, noAccess, noCreate });
}

/**
 * Flags: `root`, `builtin` (Zilliz Cloud's db_admin: never dropped, §10 Z1), `self` (the user the connection logs in as) and `noDescriptionEdit` when the server cannot change
 * descriptions (before Milvus 2.6.19), which hides Edit Description.
 */
export function userContext(isRoot: boolean, isSelf: boolean, descriptionEditable: boolean, builtIn = false): string {
  return contextValue(CTX.user, {
    root: isRoot,
    builtin: builtIn,
    self: isSelf,
    noDescriptionEdit: !descriptionEditable,
  });
}

/**
 * Flags: `builtin` (no destructive items), `locked` (a Zilliz Cloud built-in role: no grants either, §10 Z4),
 * `noDescriptionEdit` as for users.
 */
export function roleContext(builtIn: boolean, descriptionEditable: boolean, locked = false): string {
  return contextValue(CTX.role, { builtin: builtIn, locked, noDescriptionEdit: !descriptionEditable });
}

/** A grant of a `locked` role (no Revoke), or a member whose binding is locked (db_admin in db_admin: no Remove). */
export function lockedContext(kind: typeof CTX.grant | typeof CTX.member, locked: boolean): string {
  return contextValue(kind, { locked });
}

/** Built-in roles get no destructive menu items; root cannot be dropped. */
export { BUILTIN_ROLES, ROOT_USER } from '../core/access/builtIns';
