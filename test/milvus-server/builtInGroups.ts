// The nine built-in privilege groups as a release lists them (docs/milvus-behaviour.md §4.4): the 2.6 lists are
// src/core/access/privileges.ts's; the 2.5 line lacks a few privileges that came with 2.6; before proto v2.4.18 there are none.
import { BUILT_IN_GROUPS, type PrivilegeGroupInfo } from '../../src/core/access/privileges';
import { isLine25OrOlder, knowsBuiltInGroups } from './version';

/** §4.4 "2.5 differs": replicate configuration (cluster groups), import listing and AddCollectionField (collection groups). */
const NOT_IN_25 = new Set([
  'GetReplicateConfiguration',
  'UpdateReplicateConfiguration',
  'GetImportProgress',
  'ListImport',
  'AddCollectionField',
]);

export function builtInGroupsOf(version: string): readonly PrivilegeGroupInfo[] {
  if (!knowsBuiltInGroups(version)) return [];
  if (!isLine25OrOlder(version)) return BUILT_IN_GROUPS;
  return BUILT_IN_GROUPS.map((g) => ({ ...g, privileges: g.privileges.filter((p) => !NOT_IN_25.has(p)) }));
}
