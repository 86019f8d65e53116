// The Milvus privilege catalogue (Milvus 2.6 branch, `pkg/util/constant.go`), as API names (enum names without the
// `Privilege` / `PrivilegeGroup` prefix). Pure TypeScript: bundled into the extension and used by the test server.
// Source: docs/milvus-behaviour.md §4.
import * as l10n from '@vscode/l10n';
import { checkPrivilegeGroupName, type RuleViolation } from '../rules/checks';
import type { ObjectType, PrivilegeLevel, RuleProfileId } from '../types';

export type { ObjectType, PrivilegeLevel };

export interface PrivilegeInfo {
  name: string;
  /** The level of the built-in groups that hold it; privileges in no group (file resources) count as Cluster. */
  level: PrivilegeLevel;
  /** Object type the V1 grant API expects (Global for privileges that are in no V1 list). */
  v1ObjectType: ObjectType;
  /** False for privileges that only the V2 grant API accepts (§4.2, "in no V1 list"). */
  v1Grantable: boolean;
}

export interface PrivilegeGroupInfo {
  name: string;
  level: PrivilegeLevel;
  privileges: readonly string[];
}

/** Privileges accepted by the V1 grant API per object type, in Milvus's order (§4.2). */
export const V1_OBJECT_PRIVILEGES: Readonly<Record<ObjectType, readonly string[]>> = {
  Collection: [
    'Load',
    'Release',
    'Compaction',
    'Insert',
    'Delete',
    'Upsert',
    'GetStatistics',
    'CreateIndex',
    'IndexDetail',
    'DropIndex',
    'Search',
    'Flush',
    'Query',
    'LoadBalance',
    'Import',
    'GetLoadingProgress',
    'GetLoadState',
    'CreatePartition',
    'DropPartition',
    'ShowPartitions',
    'HasPartition',
    'GetFlushState',
    'ReadOnly',
    'ReadWrite',
    'GetImportProgress',
    'ListImport',
    'AddCollectionField',
  ],
  Global: [
    'All',
    'CreateCollection',
    'DropCollection',
    'DescribeCollection',
    'ShowCollections',
    'RenameCollection',
    'CreateOwnership',
    'DropOwnership',
    'SelectOwnership',
    'ManageOwnership',
    'BackupRBAC',
    'RestoreRBAC',
    'CreateResourceGroup',
    'UpdateResourceGroups',
    'DropResourceGroup',
    'DescribeResourceGroup',
    'ListResourceGroups',
    'TransferReplica',
    'TransferNode',
    'FlushAll',
    'CreateDatabase',
    'DropDatabase',
    'ListDatabases',
    'AlterDatabase',
    'DescribeDatabase',
    'CreateAlias',
    'DropAlias',
    'DescribeAlias',
    'ListAliases',
    'Admin',
    'CreatePrivilegeGroup',
    'DropPrivilegeGroup',
    'ListPrivilegeGroups',
    'OperatePrivilegeGroup',
    'ClusterReadOnly',
    'ClusterReadWrite',
    'ClusterAdmin',
    'DatabaseReadOnly',
    'DatabaseReadWrite',
    'DatabaseAdmin',
    'CollectionReadOnly',
    'CollectionReadWrite',
    'CollectionAdmin',
    'UpdateReplicateConfiguration',
  ],
  User: ['UpdateUser', 'SelectUser'],
};

const CLUSTER_READ_ONLY = [
  'ListDatabases',
  'SelectOwnership',
  'SelectUser',
  'DescribeResourceGroup',
  'ListResourceGroups',
  'ListPrivilegeGroups',
  'GetReplicateConfiguration',
];
const CLUSTER_READ_WRITE = [
  ...CLUSTER_READ_ONLY,
  'FlushAll',
  'TransferNode',
  'TransferReplica',
  'UpdateResourceGroups',
];
const CLUSTER_ADMIN = [
  ...CLUSTER_READ_WRITE,
  'BackupRBAC',
  'RestoreRBAC',
  'CreateDatabase',
  'DropDatabase',
  'CreateOwnership',
  'DropOwnership',
  'ManageOwnership',
  'CreateResourceGroup',
  'DropResourceGroup',
  'UpdateUser',
  'RenameCollection',
  'CreatePrivilegeGroup',
  'DropPrivilegeGroup',
  'OperatePrivilegeGroup',
  'UpdateReplicateConfiguration',
];
const DATABASE_READ_ONLY = ['ShowCollections', 'DescribeDatabase'];
const DATABASE_READ_WRITE = [...DATABASE_READ_ONLY, 'AlterDatabase'];
const DATABASE_ADMIN = [...DATABASE_READ_WRITE, 'CreateCollection', 'DropCollection'];
const COLLECTION_READ_ONLY = [
  'Query',
  'Search',
  'IndexDetail',
  'GetFlushState',
  'GetLoadState',
  'GetLoadingProgress',
  'HasPartition',
  'ShowPartitions',
  'DescribeCollection',
  'DescribeAlias',
  'GetStatistics',
  'ListAliases',
  'GetImportProgress',
  'ListImport',
];
const COLLECTION_READ_WRITE = [
  ...COLLECTION_READ_ONLY,
  'Load',
  'Release',
  'Insert',
  'Delete',
  'Upsert',
  'Import',
  'Flush',
  'Compaction',
  'LoadBalance',
  'CreateIndex',
  'DropIndex',
  'CreatePartition',
  'DropPartition',
  'AddCollectionField',
];
const COLLECTION_ADMIN = [...COLLECTION_READ_WRITE, 'CreateAlias', 'DropAlias'];

/** The 9 built-in groups, in the order ListPrivilegeGroups returns them (§4.4). */
export const BUILT_IN_GROUPS: readonly PrivilegeGroupInfo[] = [
  { name: 'ClusterReadOnly', level: 'Cluster', privileges: CLUSTER_READ_ONLY },
  { name: 'ClusterReadWrite', level: 'Cluster', privileges: CLUSTER_READ_WRITE },
  { name: 'ClusterAdmin', level: 'Cluster', privileges: CLUSTER_ADMIN },
  { name: 'DatabaseReadOnly', level: 'Database', privileges: DATABASE_READ_ONLY },
  { name: 'DatabaseReadWrite', level: 'Database', privileges: DATABASE_READ_WRITE },
  { name: 'DatabaseAdmin', level: 'Database', privileges: DATABASE_ADMIN },
  { name: 'CollectionReadOnly', level: 'Collection', privileges: COLLECTION_READ_ONLY },
  { name: 'CollectionReadWrite', level: 'Collection', privileges: COLLECTION_READ_WRITE },
  { name: 'CollectionAdmin', level: 'Collection', privileges: COLLECTION_ADMIN },
];

// Contents of util.ReadOnlyPrivilegeGroup / ReadWritePrivilegeGroup / AdminPrivilegeGroup (not quoted in
// docs/milvus-behaviour.md; taken from the 2.4-era constant.go).
const LEGACY_READ_ONLY = [
  'Query',
  'Search',
  'IndexDetail',
  'GetFlushState',
  'GetLoadState',
  'GetLoadingProgress',
  'HasPartition',
  'ShowPartitions',
  'ShowCollections',
  'ListAliases',
  'ListDatabases',
  'DescribeCollection',
  'DescribeAlias',
  'GetStatistics',
];
const LEGACY_READ_WRITE = [
  ...LEGACY_READ_ONLY,
  'Load',
  'Release',
  'Insert',
  'Delete',
  'Upsert',
  'Import',
  'Flush',
  'Compaction',
  'LoadBalance',
  'RenameCollection',
  'CreateIndex',
  'DropIndex',
  'CreatePartition',
  'DropPartition',
];
const LEGACY_ADMIN = [
  ...LEGACY_READ_WRITE,
  'CreateCollection',
  'DropCollection',
  'CreateResourceGroup',
  'DropResourceGroup',
  'DescribeResourceGroup',
  'ListResourceGroups',
  'TransferNode',
  'TransferReplica',
  'UpdateResourceGroups',
  'CreateDatabase',
  'DropDatabase',
  'AlterDatabase',
  'DescribeDatabase',
  'FlushAll',
  'CreateAlias',
  'DropAlias',
  'CreateOwnership',
  'DropOwnership',
  'SelectOwnership',
  'ManageOwnership',
  'SelectUser',
  'UpdateUser',
  'BackupRBAC',
  'RestoreRBAC',
  'CreatePrivilegeGroup',
  'DropPrivilegeGroup',
  'ListPrivilegeGroups',
  'OperatePrivilegeGroup',
];

/** ReadOnly / ReadWrite (Collection) and Admin (Global): grantable with V1, never listed (§4.4). */
export const LEGACY_GROUPS: readonly PrivilegeGroupInfo[] = [
  { name: 'ReadOnly', level: 'Collection', privileges: LEGACY_READ_ONLY },
  { name: 'ReadWrite', level: 'Collection', privileges: LEGACY_READ_WRITE },
  { name: 'Admin', level: 'Cluster', privileges: LEGACY_ADMIN },
];

/** Privileges in the 2.6 enum that no V1 list and no built-in group holds. */
const V2_ONLY_EXTRA = ['AddFileResource', 'RemoveFileResource', 'ListFileResources'];

/** The wildcard privileges: `*` (stored as is) and `All` (PrivilegeAll, matches every privilege). */
export const ANY_PRIVILEGE = '*';
export const ALL_PRIVILEGE = 'All';

const groupNames = new Set([...BUILT_IN_GROUPS, ...LEGACY_GROUPS].map((g) => g.name));

/** Milvus `util.GetPrivilegeLevel`: the first Admin group containing the privilege, else undefined. */
export function milvusPrivilegeLevel(privilege: string): PrivilegeLevel | undefined {
  if (CLUSTER_ADMIN.includes(privilege)) return 'Cluster';
  if (DATABASE_ADMIN.includes(privilege)) return 'Database';
  if (COLLECTION_ADMIN.includes(privilege)) return 'Collection';
  return undefined;
}

/** Milvus `util.GetObjectType`: how a V2 grant of this privilege is stored (groups, `*` and unknown names: Global). */
export function objectTypeOf(privilege: string): ObjectType {
  if (V1_OBJECT_PRIVILEGES.Collection.includes(privilege)) return 'Collection';
  if (V1_OBJECT_PRIVILEGES.User.includes(privilege)) return 'User';
  return 'Global';
}

function buildPrivileges(): PrivilegeInfo[] {
  const names: string[] = [];
  for (const type of ['Collection', 'Global', 'User'] as const) {
    for (const p of V1_OBJECT_PRIVILEGES[type]) if (!groupNames.has(p) && p !== ALL_PRIVILEGE) names.push(p);
  }
  names.push('GetReplicateConfiguration', ...V2_ONLY_EXTRA);
  return names.map((name) => ({
    name,
    level: milvusPrivilegeLevel(name) ?? 'Cluster',
    v1ObjectType: objectTypeOf(name),
    v1Grantable: V1_OBJECT_PRIVILEGES[objectTypeOf(name)].includes(name),
  }));
}

/** Every concrete privilege of the 2.6 enum (not groups, not `All`). */
export const PRIVILEGES: readonly PrivilegeInfo[] = buildPrivileges();

const privilegeByName = new Map(PRIVILEGES.map((p) => [p.name, p]));

export function isBuiltInGroup(name: string): boolean {
  return BUILT_IN_GROUPS.some((g) => g.name === name);
}

export function isLegacyGroup(name: string): boolean {
  return LEGACY_GROUPS.some((g) => g.name === name);
}

export function findGroup(name: string): PrivilegeGroupInfo | undefined {
  return BUILT_IN_GROUPS.find((g) => g.name === name) ?? LEGACY_GROUPS.find((g) => g.name === name);
}

/** Milvus `IsPrivilegeNameDefined`: a name of the ObjectPrivilege enum (privileges, `All`, built-in and legacy groups). */
export function isDefinedPrivilegeName(name: string): boolean {
  return privilegeByName.has(name) || groupNames.has(name) || name === ALL_PRIVILEGE;
}

/** A name for a new custom privilege group: the server's naming rule, and no clash with a privilege or built-in group. */
export function checkNewPrivilegeGroupName(name: string, profile: RuleProfileId): RuleViolation | undefined {
  const violation = checkPrivilegeGroupName(name, profile);
  if (violation) return violation;
  if (isDefinedPrivilegeName(name)) {
    return {
      rule: 'privilegeGroupName.builtIn',
      message: l10n.t('"{name}" is already a built-in privilege or privilege group name; choose another name.', {
        name,
      }),
    };
  }
  return undefined;
}

export function privilegesForLevel(level: PrivilegeLevel): readonly PrivilegeInfo[] {
  return PRIVILEGES.filter((p) => p.level === level);
}

export function groupsForLevel(level: PrivilegeLevel): readonly PrivilegeGroupInfo[] {
  return BUILT_IN_GROUPS.filter((g) => g.level === level);
}

/** Level of a privilege or a built-in/legacy group; undefined for unknown names (custom groups included). */
export function levelOf(privilegeOrGroup: string): PrivilegeLevel | undefined {
  return privilegeByName.get(privilegeOrGroup)?.level ?? findGroup(privilegeOrGroup)?.level;
}

/** Granting one of these also grants (or revokes) the related ones (Milvus `util.RelatedPrivileges`, §3.3 G14). */
export const RELATED_PRIVILEGES: Readonly<Record<string, readonly string[]>> = {
  Load: ['GetLoadState', 'GetLoadingProgress'],
  Flush: ['GetFlushState'],
};
