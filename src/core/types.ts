// Plain data shared by the core facade, the tree, the commands and the webviews. No 'vscode' import here.

import type { Flavor, TlsMode } from './connectionSchema';

// The connection profile's types come from its schema (src/core/connectionSchema.ts).
export type {
  AuthMode,
  ConnectionProfile,
  ConnectionSecret,
  Flavor,
  RuleProfileId,
  TlsMode,
  TlsSettings,
} from './connectionSchema';

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
  /** Milvus or a Zilliz Cloud cluster type: the profile's choice, or told from the URI (core/access/flavor.ts). */
  flavor: Flavor;
}

/** A privilege (or group) granted to a role at one level. `*` means "all" for db or collection. */
export interface GrantSpec {
  role: string;
  privilege: string;
  dbName: string;
  collectionName: string;
}
