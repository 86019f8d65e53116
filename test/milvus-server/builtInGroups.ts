// The nine built-in privilege groups as the reported release lists and expands them (docs/milvus-behaviour.md §4.4):
// the release's catalogue file (catalogue/v*.ts) says where each list was read; before 2.4.18 there are none.
import { catalogueFor, type BuiltInGroup } from './catalogue';

export function builtInGroupsOf(version: string): readonly BuiltInGroup[] {
  return catalogueFor(version).builtInGroups;
}
