// How the requests table (requestNeeds.generated.ts, read from the SDK's protocol) differs per Milvus release. Each row
// was read from milvus-io/milvus-proto `proto/milvus.proto` at the release tags (a Milvus release vX.Y.Z builds with
// the milvus-proto tag of the same number). Data only: requests.ts applies it.
import type { RequestNeed } from './requestNeed';

export interface RequestNeedChange {
  rpc: string;
  /** The first release this row applies to (inclusive); absent: every older release. */
  from?: string;
  /** The first release it no longer applies to; absent: every newer release. */
  until?: string;
  /** What the request needs in those releases; undefined: nothing (the proxy checks no privilege). */
  need: RequestNeed | undefined;
  /** Where this was read (milvus-proto tag, commit, pull request). */
  source: string;
}

const LIST_FILTERED =
  'milvus-proto v2.4.1, commit 7626f1d (#274): the option was removed; the server filters the answer per user instead';
const LOAD_STATE = 'milvus-proto v2.4.10, commit 7da64b0 (#314): GetLoadState replaced Load';
const PARTITION_STATS =
  'milvus-proto #652 (master 16b2888), #653 (2.6 branch a76db65, after v2.6.22), #654 (3.0 branch cef495b, after v3.0.0): ' +
  'the option was added; no release tag carries it yet, so the next patch releases are assumed';
const partitionStats: RequestNeed = {
  request: 'GetPartitionStatisticsRequest',
  objectType: 'Collection',
  privilege: 'GetStatistics',
  objectField: 'collection_name',
};

export const REQUEST_NEED_CHANGES: readonly RequestNeedChange[] = [
  {
    rpc: 'ListDatabases',
    until: '2.4.1',
    need: { request: 'ListDatabasesRequest', objectType: 'Global', privilege: 'ListDatabases' },
    source: LIST_FILTERED,
  },
  {
    rpc: 'ShowCollections',
    until: '2.4.1',
    need: { request: 'ShowCollectionsRequest', objectType: 'Global', privilege: 'ShowCollections' },
    source: LIST_FILTERED,
  },
  {
    rpc: 'GetLoadState',
    until: '2.4.10',
    need: {
      request: 'GetLoadStateRequest',
      objectType: 'Collection',
      privilege: 'Load',
      objectField: 'collection_name',
    },
    source: LOAD_STATE,
  },
  {
    rpc: 'GetLoadingProgress',
    until: '2.4.10',
    need: {
      request: 'GetLoadingProgressRequest',
      objectType: 'Collection',
      privilege: 'Load',
      objectField: 'collection_name',
    },
    source: LOAD_STATE,
  },
  {
    rpc: 'ManualCompaction',
    until: '2.4.18',
    need: {
      request: 'ManualCompactionRequest',
      objectType: 'Collection',
      privilege: 'Compaction',
      objectField: 'collectionID',
    },
    source:
      'milvus-proto v2.4.18, commit d8e5b95 (#364, #365): the object was field 1, the collection ID, so only a grant on ' +
      'every collection (*) matched',
  },
  { rpc: 'GetPartitionStatistics', from: '2.6.23', until: '3.0.0', need: partitionStats, source: PARTITION_STATS },
  { rpc: 'GetPartitionStatistics', from: '3.0.1', need: partitionStats, source: PARTITION_STATS },
];

/** The release each RPC that carries a privilege first appeared in, for those newer than 2.4.0 (milvus-proto tags). */
export const RPC_INTRODUCED: Readonly<Record<string, string>> = {
  AlterDatabase: '2.4.1',
  DescribeDatabase: '2.4.10',
  BackupRBAC: '2.4.10',
  RestoreRBAC: '2.4.10',
  CreatePrivilegeGroup: '2.4.16',
  DropPrivilegeGroup: '2.4.16',
  ListPrivilegeGroups: '2.4.16',
  OperatePrivilegeGroup: '2.4.16',
  OperatePrivilegeV2: '2.4.18',
  AlterCollectionField: '2.4.18',
  AddCollectionField: '2.6.0',
  AddUserTags: '2.6.0',
  DeleteUserTags: '2.6.0',
  GetUserTags: '2.6.0',
  ListUsersWithTag: '2.6.0',
  CreateRowPolicy: '2.6.0',
  DropRowPolicy: '2.6.0',
  ListRowPolicies: '2.6.0',
  AddCollectionFunction: '2.6.9',
  AlterCollectionFunction: '2.6.9',
  DropCollectionFunction: '2.6.9',
  BatchDescribeCollection: '2.6.9',
  AddFileResource: '2.6.9',
  RemoveFileResource: '2.6.9',
  ListFileResources: '2.6.9',
  UpdateReplicateConfiguration: '2.6.9',
  GetReplicateConfiguration: '2.6.16',
  TruncateCollection: '2.6.16',
  AlterRole: '2.6.19',
  AddCollectionStructField: '3.0.0',
  AlterCollectionSchema: '3.0.0',
  BatchUpdateManifest: '3.0.0',
  CreateSnapshot: '3.0.0',
  DescribeSnapshot: '3.0.0',
  DropSnapshot: '3.0.0',
  ExportSnapshot: '3.0.0',
  ListRestoreSnapshotJobs: '3.0.0',
  ListSnapshots: '3.0.0',
  PinSnapshotData: '3.0.0',
  RefreshExternalCollection: '3.0.0',
  RestoreExternalSnapshot: '3.0.0',
  RestoreSnapshot: '3.0.0',
  UnpinSnapshotData: '3.0.0',
};
