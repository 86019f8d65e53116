// The extension's Milvus privilege catalogue, as API names (enum names without the `Privilege` / `PrivilegeGroup`
// prefix). Which names exist comes from the protocol the SDK ships (privilegeProto.generated.ts, written at build time
// by scripts/privilegeProto.ts); what the protocol does not say (V1 lists per object type, built-in and legacy group
// contents, hence levels) is typed here from Milvus's `pkg/util/constant.go` (2.6 branch at v2.6.19, commit 159a1a59cb;
// the 3.0 additions at v3.0.0, commit 6298d2ff68). Pure TypeScript, bundled into the extension; the test server has a
// catalogue of its own (docs/milvus-behaviour.md §4), so a wrong entry here fails test/unit/privilegeCatalogue.test.ts.
import { compareReleases, parseRelease } from './release';
import * as l10n from '@vscode/l10n';
import { checkPrivilegeGroupName, type RuleViolation } from '../rules/checks';
import type { ObjectType, PrivilegeLevel, RuleProfileId } from '../types';
import { OBJECT_PRIVILEGE_ENUM } from './privilegeProto.generated';

export type { ObjectType, PrivilegeLevel };

export interface PrivilegeInfo {
  name: string;
  /** The level of the built-in groups that hold it; privileges in no group (file resources) count as Cluster. */
  level: PrivilegeLevel;
  /** Object type the V1 grant API expects (Global for privileges that are in no V1 list). */
  v1ObjectType: ObjectType;
  /** False for privileges that only the V2 grant API accepts (§4.2, "in no V1 list"). */
  v1Grantable: boolean;
  /** The first Milvus release that knows it ([major, minor, patch]); absent: every release the extension supports. */
  since?: readonly [number, number, number];
}

export interface PrivilegeGroupInfo {
  name: string;
  level: PrivilegeLevel;
  privileges: readonly string[];
}

/**
 * The privileges Milvus 3.0.0 added (common.proto ObjectPrivilege 79–90 at milvus-proto v3.0.0), with the V1 object
 * type and the level of the built-in groups that hold them (`ObjectPrivileges`, `Collection*Privileges`,
 * `Cluster*Privileges` in pkg/util/constant.go at v3.0.0).
 */
export const PRIVILEGES_3_0: Readonly<Record<string, PrivilegeLevel>> = {
  CreateSnapshot: 'Collection',
  DropSnapshot: 'Collection',
  DescribeSnapshot: 'Collection',
  ListSnapshots: 'Collection',
  RestoreSnapshot: 'Collection',
  AlterCollectionSchema: 'Collection',
  RefreshExternalCollection: 'Collection',
  PinSnapshotData: 'Cluster',
  UnpinSnapshotData: 'Cluster',
  RestoreExternalSnapshot: 'Cluster',
  ExportSnapshot: 'Cluster',
};
const SINCE_3_0 = [3, 0, 0] as const;
/**
 * The privileges Milvus 2.4.9 lacks, below 3.0, with the first release whose milvus-proto `proto/common.proto` enum
 * ObjectPrivilege defines them (the tags v2.4.10, v2.4.16, v2.6.0, v2.6.9 and v2.6.16).
 */
const NEWER_THAN_2_4_9: Readonly<Record<string, readonly [number, number, number]>> = {
  BackupRBAC: [2, 4, 10],
  RestoreRBAC: [2, 4, 10],
  CreatePrivilegeGroup: [2, 4, 16],
  DropPrivilegeGroup: [2, 4, 16],
  ListPrivilegeGroups: [2, 4, 16],
  OperatePrivilegeGroup: [2, 4, 16],
  GetImportProgress: [2, 6, 0],
  ListImport: [2, 6, 0],
  AddCollectionField: [2, 6, 0],
  AddFileResource: [2, 6, 9],
  RemoveFileResource: [2, 6, 9],
  ListFileResources: [2, 6, 9],
  UpdateReplicateConfiguration: [2, 6, 9],
  GetReplicateConfiguration: [2, 6, 16],
};
const COLLECTION_3_0 = Object.keys(PRIVILEGES_3_0).filter((p) => PRIVILEGES_3_0[p] === 'Collection');
const GLOBAL_3_0 = Object.keys(PRIVILEGES_3_0).filter((p) => PRIVILEGES_3_0[p] === 'Cluster');

/** Privileges accepted by the V1 grant API per object type, in Milvus's order (§4.2); the 3.0 ones only by 3.0+. */
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
    ...COLLECTION_3_0,
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
    ...GLOBAL_3_0,
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

// Contents of util.ReadOnlyPrivilegeGroup / ReadWritePrivilegeGroup / AdminPrivilegeGroup, which the privilege
// interceptor expands (internal/proxy/privilege/model.go), in pkg/util/constant.go at v2.6.19 (159a1a59cb). Admin is
// written as ReadWrite plus the rest; Milvus lists it flat (CreateCollection and DropCollection first).
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
  'DescribeDatabase',
  'DescribeAlias',
  'GetStatistics',
];
const LEGACY_READ_WRITE = [
  ...LEGACY_READ_ONLY,
  'CreateIndex',
  'DropIndex',
  'CreatePartition',
  'DropPartition',
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
  'CreateAlias',
  'DropAlias',
];
const LEGACY_ADMIN = [
  ...LEGACY_READ_WRITE,
  'CreateCollection',
  'DropCollection',
  'CreateOwnership',
  'DropOwnership',
  'SelectOwnership',
  'ManageOwnership',
  'SelectUser',
  'UpdateUser',
  'BackupRBAC',
  'RestoreRBAC',
  'CreateResourceGroup',
  'UpdateResourceGroups',
  'DropResourceGroup',
  'DescribeResourceGroup',
  'ListResourceGroups',
  'TransferReplica',
  'TransferNode',
  'CreateDatabase',
  'DropDatabase',
  'AlterDatabase',
  'UpdateReplicateConfiguration',
];

/** ReadOnly / ReadWrite (Collection) and Admin (Global): grantable with V1, never listed (§4.4). */
export const LEGACY_GROUPS: readonly PrivilegeGroupInfo[] = [
  { name: 'ReadOnly', level: 'Collection', privileges: LEGACY_READ_ONLY },
  { name: 'ReadWrite', level: 'Collection', privileges: LEGACY_READ_WRITE },
  { name: 'Admin', level: 'Cluster', privileges: LEGACY_ADMIN },
];

/** The wildcard privileges: `*` (stored as is) and `All` (PrivilegeAll, matches every privilege). */
export const ANY_PRIVILEGE = '*';
export const ALL_PRIVILEGE = 'All';

const groupNames = new Set([...BUILT_IN_GROUPS, ...LEGACY_GROUPS].map((g) => g.name));

/** Milvus `util.GetPrivilegeLevel`: the first Admin group containing the privilege, else undefined. */
export function milvusPrivilegeLevel(privilege: string): PrivilegeLevel | undefined {
  if (Object.prototype.hasOwnProperty.call(PRIVILEGES_3_0, privilege)) return PRIVILEGES_3_0[privilege];
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

/** The protocol's privilege names (the SDK's `common.ObjectPrivilege`), groups and `All` left out. */
const PROTO_PRIVILEGES: readonly string[] = OBJECT_PRIVILEGE_ENUM.filter(
  (n) => n.startsWith('Privilege') && !n.startsWith('PrivilegeGroup') && n !== 'PrivilegeAll',
).map((n) => n.slice('Privilege'.length));
const PROTO_GROUPS: ReadonlySet<string> = new Set(
  OBJECT_PRIVILEGE_ENUM.filter((n) => n.startsWith('PrivilegeGroup')).map((n) => n.slice('PrivilegeGroup'.length)),
);

function buildPrivileges(): PrivilegeInfo[] {
  // The V1 lists' order first (what the pickers always showed), then the protocol's other privileges in enum order.
  const names: string[] = [];
  for (const type of ['Collection', 'Global', 'User'] as const) {
    for (const p of V1_OBJECT_PRIVILEGES[type]) if (PROTO_PRIVILEGES.includes(p) && !names.includes(p)) names.push(p);
  }
  for (const p of PROTO_PRIVILEGES) if (!names.includes(p)) names.push(p);
  return names.map((name) => ({
    name,
    level: milvusPrivilegeLevel(name) ?? 'Cluster',
    v1ObjectType: objectTypeOf(name),
    v1Grantable: V1_OBJECT_PRIVILEGES[objectTypeOf(name)].includes(name),
    ...sinceOf(name),
  }));
}

function sinceOf(name: string): Pick<PrivilegeInfo, 'since'> {
  if (Object.prototype.hasOwnProperty.call(PRIVILEGES_3_0, name)) return { since: SINCE_3_0 };
  if (Object.prototype.hasOwnProperty.call(NEWER_THAN_2_4_9, name)) return { since: NEWER_THAN_2_4_9[name] };
  return {};
}

/** Every concrete privilege of the protocol the SDK ships (not groups, not `All`). */
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
  return privilegeByName.has(name) || groupNames.has(name) || PROTO_GROUPS.has(name) || name === ALL_PRIVILEGE;
}

/** Does a server of `version` (`v2.6.19`, as GetVersion reports it) know the privilege? Unknown versions: yes. */
export function knownOnServer(p: PrivilegeInfo, version: string | undefined): boolean {
  const have = parseRelease(version);
  return !p.since || !have || compareReleases(have, p.since) >= 0;
}

/** Is the name one the extension's catalogue does not know (a newer server's privilege, or a custom group)? */
export function isUnknownPrivilegeName(name: string): boolean {
  return !isDefinedPrivilegeName(name) && name !== ANY_PRIVILEGE;
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

/** The privileges of a level; with a server version, only those that server knows (3.0's only on 3.0+). */
export function privilegesForLevel(level: PrivilegeLevel, serverVersion?: string): readonly PrivilegeInfo[] {
  return PRIVILEGES.filter((p) => p.level === level && knownOnServer(p, serverVersion));
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
