// The shape of one release's privilege catalogue (the data files beside this one, each generated from Milvus's source at
// a tag and naming it in `sources`).

export type ObjectType = 'Collection' | 'Global' | 'User';
export type PrivilegeLevel = 'Cluster' | 'Database' | 'Collection';

export interface BuiltInGroup {
  name: string;
  level: PrivilegeLevel;
  privileges: readonly string[];
}

export interface ReleaseCatalogue {
  /** The first release this catalogue describes (up to the next file's). */
  since: string;
  /** `path@commit or tag` of each part. */
  sources: { constants: string; enum: string; builtInGroups: string };
  /** `commonpb.ObjectPrivilege` value names (`PrivilegeSearch`, `PrivilegeGroupReadOnly`, …) in value order. */
  enum: readonly string[];
  /** `util.ObjectPrivileges`: API names the V1 grant accepts per object type, in Milvus's order. */
  objectPrivileges: Readonly<Record<ObjectType, readonly string[]>>;
  /** The nine built-in groups in ListPrivilegeGroups order; empty where the release has none. */
  builtInGroups: readonly BuiltInGroup[];
  /** `util.ReadOnlyPrivilegeGroup` / `ReadWritePrivilegeGroup` / `AdminPrivilegeGroup`; empty before they existed. */
  legacyGroups: Partial<Readonly<Record<'ReadOnly' | 'ReadWrite' | 'Admin', readonly string[]>>>;
  /** `util.RelatedPrivileges`: granting the key also grants these. */
  relatedPrivileges: Readonly<Record<string, readonly string[]>>;
}
