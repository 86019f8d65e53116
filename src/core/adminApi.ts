import type {
  FeatureSet,
  Grant,
  PrivilegeGroup,
  PrivilegeTarget,
  RoleWithUsers,
  ServerInfo,
  UserWithRoles,
} from './types';

/**
 * What the extension may ask of a connected Milvus. Implemented by MilvusAdmin (the only importer of the SDK).
 * Every method rejects with a MilvusError (src/core/errors.ts) and never with a raw SDK or gRPC error.
 */
export interface AdminApi {
  readonly info: ServerInfo;
  /** Probed lazily; each flag turns false after an UNIMPLEMENTED answer. */
  features(): Promise<FeatureSet>;

  /** One SelectUser RPC without a user entity. */
  listUsersWithRoles(): Promise<UserWithRoles[]>;
  /** One SelectRole RPC without a role entity. */
  listRolesWithUsers(): Promise<RoleWithUsers[]>;
  /** One SelectGrant RPC with db_name '*'. */
  listGrants(role: string): Promise<Grant[]>;
  /** Custom groups first, then the built-in ones (builtIn: true). */
  listPrivilegeGroups(): Promise<PrivilegeGroup[]>;
  listDatabases(): Promise<string[]>;
  listCollections(dbName: string): Promise<string[]>;

  createUser(name: string, password: string, description?: string): Promise<void>;
  /** oldPassword undefined = superuser reset (sent as an empty old password). */
  updatePassword(name: string, oldPassword: string | undefined, newPassword: string): Promise<void>;
  dropUser(name: string): Promise<void>;

  createRole(name: string, description?: string): Promise<void>;
  dropRole(name: string, forceDrop?: boolean): Promise<void>;
  grantRole(user: string, role: string): Promise<void>;
  revokeRole(user: string, role: string): Promise<void>;

  /** V2 where the server has it, V1 otherwise. */
  grantPrivilege(target: PrivilegeTarget): Promise<void>;
  revokePrivilege(target: PrivilegeTarget): Promise<void>;

  createPrivilegeGroup(name: string): Promise<void>;
  dropPrivilegeGroup(name: string): Promise<void>;
  addPrivilegesToGroup(group: string, privileges: string[]): Promise<void>;
  removePrivilegesFromGroup(group: string, privileges: string[]): Promise<void>;

  close(): Promise<void>;
}
