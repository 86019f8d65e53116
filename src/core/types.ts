// Plain data shared by the core facade, the tree, the commands and the webviews. No 'vscode' import here.

export type AuthMode = 'none' | 'password' | 'token';
export type TlsMode = 'off' | 'oneWay' | 'mutual';

/** Which rule set applies: detected from the server version, overridable per connection. */
export type RuleProfileId = 'milvus-2.4' | 'milvus-2.5' | 'milvus-2.6' | 'zilliz-cloud';

export interface TlsSettings {
  mode: TlsMode;
  caPath?: string;
  certPath?: string;
  keyPath?: string;
  serverName?: string;
}

/** A saved connection. Never holds a secret: those live in the secret vault under the profile's id. */
export interface ConnectionProfile {
  id: string;
  name: string;
  /** `http://host:port` or `https://host:port`; port defaults to 19530. */
  uri: string;
  database: string;
  auth: AuthMode;
  username?: string;
  tls: TlsSettings;
  /** Kept in memory for this VS Code session only, never persisted. */
  sessionOnly?: boolean;
  /**
   * The password or token is never stored: it is asked on connect and kept in memory for this VS Code session only.
   * Only with auth 'password' or 'token'.
   */
  askSecret?: boolean;
  ruleProfile?: RuleProfileId | 'auto';
}

export interface ConnectionSecret {
  password?: string;
  token?: string;
}

export type ObjectType = 'Collection' | 'Global' | 'User';
export type PrivilegeLevel = 'Cluster' | 'Database' | 'Collection';

export interface UserWithRoles {
  name: string;
  roles: string[];
  description?: string;
}

export interface RoleWithUsers {
  name: string;
  users: string[];
  description?: string;
}

export interface Grant {
  role: string;
  objectType: ObjectType;
  objectName: string;
  dbName: string;
  privilege: string;
  grantor: string;
}

export interface PrivilegeGroup {
  name: string;
  privileges: string[];
  builtIn: boolean;
}

/** What the connected server implements; an UNIMPLEMENTED answer turns a feature off. */
export interface FeatureSet {
  privilegeGroups: boolean;
  grantV2: boolean;
  descriptions: boolean;
  alterRole: boolean;
  backupRbac: boolean;
}

export interface ServerInfo {
  version: string;
  user: string | undefined;
  database: string;
  tls: TlsMode;
}

/** A privilege (or group) granted to a role at one level. `*` means "all" for db or collection. */
export interface GrantSpec {
  role: string;
  privilege: string;
  dbName: string;
  collectionName: string;
}
