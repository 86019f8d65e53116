import type {
  FeatureSet,
  Grant,
  PrivilegeGroup,
  GrantSpec,
  RoleWithUsers,
  RuleProfileId,
  ServerInfo,
  UserWithRoles,
} from './types';

/** What BackupRBAC returns, without the users' password hashes. Built-in users, roles and groups are not included. */
export interface RbacBackup {
  users: UserWithRoles[];
  roles: string[];
  grants: Grant[];
  privilegeGroups: PrivilegeGroup[];
}

/**
 * What the extension may ask of a connected Milvus. Implemented by MilvusAdmin (the only importer of the SDK).
 * Every method rejects with a MilvusError (src/core/errors/milvusError.ts) and never with a raw SDK or gRPC error.
 */
export interface AdminApi {
  readonly info: ServerInfo;
  /** The rule set names and passwords are checked against: the profile's choice, else detected from the version. */
  readonly ruleProfile: RuleProfileId;
  /** Health check: one GetVersion with this deadline, never retried. Rejects with 'unreachable' when it gets no answer. */
  ping(deadlineMs: number): Promise<void>;
  /**
   * Calls `onLeftReady` whenever the client's gRPC channel drops its connection or fails to connect, until the returned
   * function is called or the client closes. Follow it with `ping` to tell a lost server from an idle timeout.
   */
  watchChannel(onLeftReady: () => void): () => void;
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
  /** One SelectUser RPC for one user; undefined when there is no such user. */
  describeUser(name: string): Promise<UserWithRoles | undefined>;
  listDatabases(): Promise<string[]>;
  listCollections(dbName: string): Promise<string[]>;
  /** One ListAliases RPC: every alias of the database, names only (docs/milvus-behaviour.md §3.3 AL3). */
  listAliases(dbName: string): Promise<string[]>;
  /** One DescribeAlias RPC: the collection the alias names. */
  describeAlias(dbName: string, alias: string): Promise<string>;

  createUser(name: string, password: string, description?: string): Promise<void>;
  /** oldPassword undefined = superuser reset (sent as an empty old password). */
  updatePassword(name: string, oldPassword: string | undefined, newPassword: string): Promise<void>;
  /**
   * UpdateCredential with no new password: changes only the user's description ('' clears it). Servers before 2.6.19
   * reject with 'unimplemented' before UpdateCredential is sent.
   */
  updateUserDescription(name: string, description: string): Promise<void>;
  dropUser(name: string): Promise<void>;

  createRole(name: string, description?: string): Promise<void>;
  dropRole(name: string, forceDrop?: boolean): Promise<void>;
  /** AlterRole (2.6.19+): sets a role's description. */
  alterRole(name: string, description: string): Promise<void>;
  grantRole(user: string, role: string): Promise<void>;
  revokeRole(user: string, role: string): Promise<void>;

  /** V2 where the server has it, V1 otherwise. */
  grantPrivilege(target: GrantSpec): Promise<void>;
  revokePrivilege(target: GrantSpec): Promise<void>;

  createPrivilegeGroup(name: string): Promise<void>;
  dropPrivilegeGroup(name: string): Promise<void>;
  addPrivilegesToGroup(group: string, privileges: string[]): Promise<void>;
  removePrivilegesFromGroup(group: string, privileges: string[]): Promise<void>;

  /** BackupRBAC, with the password hashes left out. */
  backupRbac(): Promise<RbacBackup>;

  close(): Promise<void>;
}
