// What each Milvus release defines: its privilege names and the contents of its nine built-in groups. Data and lookups
// only, from privileges.ts's catalogue, where each privilege newer than the 2.4 line has its first release (`since`).
// Sources: milvus-proto `proto/common.proto` ObjectPrivilege at the tags (v2.4.18 first has the built-in groups; each
// privilege's first release is in privileges.ts); group contents: milvus `pkg/util/constant.go` per branch as
// docs/milvus-behaviour.md §4.4 lists them (2.5 branch v2.5.27, 2.6 branch, and master for 3.0; master as read on
// 2026-08-07 is assumed to be what 3.0.0 ships). The 2.4 line from 2.4.18 on is assumed to list the 2.5 contents.
import { BUILT_IN_GROUPS, PRIVILEGES, knownOnServer, type PrivilegeGroupInfo } from './privileges';
import { atLeast } from './release';

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
  const defined = new Set(privilegesOn(version));
  return BUILT_IN_GROUPS.map((g) => ({ ...g, privileges: g.privileges.filter((p) => defined.has(p)) }));
}

/** The concrete privilege names a release defines (not groups, not `All`). */
export function privilegesOn(version: string | undefined): string[] {
  return PRIVILEGES.filter((p) => knownOnServer(p, version)).map((p) => p.name);
}
