// What each Milvus release defines: its privilege names and the contents of its nine built-in groups. Data and lookups
// only (kept apart from privileges.ts, which describes the 2.6 branch and is maintained with the test server).
// Sources: milvus-proto `proto/common.proto` ObjectPrivilege at the tags (v2.4.18 first has the built-in groups, v2.6.0
// adds GetImportProgress, ListImport, AddCollectionField; v2.6.9 the file resources and UpdateReplicateConfiguration;
// v2.6.16 GetReplicateConfiguration; v3.0.0 values 79–90); group contents: milvus `pkg/util/constant.go` per branch as
// docs/milvus-behaviour.md §4.4 lists them (2.5 branch v2.5.27, 2.6 branch, and master for 3.0; master as read on
// 2026-08-07 is assumed to be what 3.0.0 ships). The 2.4 line from 2.4.18 on is assumed to list the 2.5 contents.
import { BUILT_IN_GROUPS, PRIVILEGES, knownOnServer, type PrivilegeGroupInfo } from './privileges';
import { atLeast } from './release';

/** Privileges of the 2.6 catalogue that older releases lack, with the first release that has them. */
const INTRODUCED: Readonly<Record<string, string>> = {
  GetImportProgress: '2.6.0',
  ListImport: '2.6.0',
  AddCollectionField: '2.6.0',
  AddFileResource: '2.6.9',
  RemoveFileResource: '2.6.9',
  ListFileResources: '2.6.9',
  UpdateReplicateConfiguration: '2.6.9',
  GetReplicateConfiguration: '2.6.16',
};

/** The 3.0 changes to each built-in group (§4.4 "master differs"): added and removed privileges. */
const GROUPS_3_0: Readonly<Record<string, { add: readonly string[]; remove?: readonly string[] }>> = {
  ClusterReadOnly: { add: ['ListFileResources'] },
  ClusterReadWrite: {
    add: ['ListFileResources', 'AddFileResource', 'RemoveFileResource', 'PinSnapshotData', 'UnpinSnapshotData'],
  },
  ClusterAdmin: {
    add: [
      'ListFileResources',
      'AddFileResource',
      'RemoveFileResource',
      'PinSnapshotData',
      'UnpinSnapshotData',
      'Expr',
      'RestoreExternalSnapshot',
      'ExportSnapshot',
    ],
    remove: ['RenameCollection'],
  },
  DatabaseAdmin: { add: ['RenameCollection'] },
  CollectionReadOnly: { add: ['DescribeSnapshot', 'ListSnapshots'] },
  CollectionReadWrite: {
    add: [
      'DescribeSnapshot',
      'ListSnapshots',
      'AlterCollectionSchema',
      'RefreshExternalCollection',
      'CreateSnapshot',
      'DropSnapshot',
    ],
  },
  CollectionAdmin: {
    add: [
      'DescribeSnapshot',
      'ListSnapshots',
      'AlterCollectionSchema',
      'RefreshExternalCollection',
      'CreateSnapshot',
      'DropSnapshot',
      'RestoreSnapshot',
    ],
  },
};

/** The releases the extension knows for upgrade reports, oldest first. */
export const KNOWN_RELEASES = ['2.4.9', '2.4.18', '2.5.27', '2.6.0', '2.6.19', '3.0.0'] as const;

/** The built-in groups a release lists, with their default contents (none before 2.4.18). */
export function builtInGroupsOn(version: string | undefined): PrivilegeGroupInfo[] {
  if (!atLeast(version, '2.4.18')) return [];
  if (atLeast(version, '3.0.0'))
    return BUILT_IN_GROUPS.map((g) => {
      const change = GROUPS_3_0[g.name];
      const removed = new Set(change?.remove ?? []);
      return { ...g, privileges: [...g.privileges.filter((p) => !removed.has(p)), ...(change?.add ?? [])] };
    });
  return BUILT_IN_GROUPS.map((g) => ({
    ...g,
    privileges: g.privileges.filter((p) => atLeast(version, INTRODUCED[p] ?? '0.0.0')),
  }));
}

/** The concrete privilege names a release defines (not groups, not `All`). */
export function privilegesOn(version: string | undefined): string[] {
  // The catalogue has the 3.0 privileges with their release (`since`); INTRODUCED adds the 2.6 line's own steps.
  return PRIVILEGES.filter((p) => knownOnServer(p, version))
    .map((p) => p.name)
    .filter((p) => atLeast(version, INTRODUCED[p] ?? '0.0.0'));
}
