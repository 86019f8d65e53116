// The privilege catalogue of the release the server reports: one data file per Milvus release line, each read from
// Milvus's source at its tag (see each file's header and docs/milvus-behaviour.md §4).
import { versionAtLeast } from '../version';
import type { BuiltInGroup, ObjectType, PrivilegeLevel, ReleaseCatalogue } from './types';
import { CATALOGUE_2_4_9 } from './v2_4_9';
import { CATALOGUE_2_4_10 } from './v2_4_10';
import { CATALOGUE_2_4_16 } from './v2_4_16';
import { CATALOGUE_2_4_18 } from './v2_4_18';
import { CATALOGUE_2_5_27 } from './v2_5_27';
import { CATALOGUE_2_6_15 } from './v2_6_15';
import { CATALOGUE_2_6_16 } from './v2_6_16';
import { CATALOGUE_3_0_0 } from './v3_0_0';

export type { BuiltInGroup, ObjectType, PrivilegeLevel, ReleaseCatalogue };

/** Newest first. */
const RELEASES: readonly ReleaseCatalogue[] = [
  CATALOGUE_3_0_0,
  CATALOGUE_2_6_16,
  CATALOGUE_2_6_15,
  CATALOGUE_2_5_27,
  CATALOGUE_2_4_18,
  CATALOGUE_2_4_16,
  CATALOGUE_2_4_10,
  CATALOGUE_2_4_9,
];

/** The wildcard privilege `*` (`util.AnyWord`) and `All` (PrivilegeAll). */
export const ANY_WORD = '*';
export const ALL_PRIVILEGE = 'All';

const LEGACY_LEVEL: Readonly<Record<string, PrivilegeLevel>> = {
  ReadOnly: 'Collection',
  ReadWrite: 'Collection',
  Admin: 'Cluster',
};

/** What the server asks of the catalogue, for one release. */
export class Catalogue {
  private readonly enumNames: ReadonlySet<string>;

  constructor(readonly release: ReleaseCatalogue) {
    this.enumNames = new Set(release.enum);
  }

  /** `util.IsPrivilegeNameDefined` (`PrivilegeNameForMetastore`): `Privilege<name>` or `PrivilegeGroup<name>` is in the enum. */
  isDefinedPrivilegeName(name: string): boolean {
    return this.enumNames.has(`Privilege${name}`) || this.enumNames.has(`PrivilegeGroup${name}`) || this.isExtra(name);
  }

  /** 3.0's `util.PrivilegeExpr`, accepted though not in the proto enum (`isPrivilegeNameForMetastoreDefined`). */
  private isExtra(name: string): boolean {
    return name === 'Expr' && this.release.objectPrivileges.Global.includes('Expr');
  }

  v1Privileges(objectType: ObjectType): readonly string[] {
    return this.release.objectPrivileges[objectType];
  }

  /**
   * `util.GetObjectType`: the object type whose V1 list holds the privilege, else Global. Go ranges over a map, so a
   * name in two lists (the 2.4-era group RPCs sat in both Collection and Global) has no fixed answer; Global is taken.
   */
  objectTypeOf(privilege: string): ObjectType {
    const lists = this.release.objectPrivileges;
    if (lists.Global.includes(privilege)) return 'Global';
    if (lists.Collection.includes(privilege)) return 'Collection';
    if (lists.User.includes(privilege)) return 'User';
    return 'Global';
  }

  get builtInGroups(): readonly BuiltInGroup[] {
    return this.release.builtInGroups;
  }

  builtInGroup(name: string): BuiltInGroup | undefined {
    return this.release.builtInGroups.find((g) => g.name === name);
  }

  /** `util.GetPrivilegeLevel`: the first Admin group (Cluster, Database, Collection) holding the privilege. */
  privilegeLevel(privilege: string): PrivilegeLevel | undefined {
    for (const level of ['Cluster', 'Database', 'Collection'] as const) {
      if (this.builtInGroup(`${level}Admin`)?.privileges.includes(privilege)) return level;
    }
    return undefined;
  }

  legacyGroup(name: string): readonly string[] | undefined {
    return Object.prototype.hasOwnProperty.call(this.release.legacyGroups, name)
      ? this.release.legacyGroups[name as 'ReadOnly']
      : undefined;
  }

  isLegacyGroup(name: string): boolean {
    return this.legacyGroup(name) !== undefined;
  }

  /** Level the server gives a built-in or legacy group (for the V2 level checks); undefined otherwise. */
  groupLevel(name: string): PrivilegeLevel | undefined {
    return this.builtInGroup(name)?.level ?? (this.isLegacyGroup(name) ? LEGACY_LEVEL[name] : undefined);
  }

  relatedPrivileges(privilege: string): readonly string[] {
    return Object.prototype.hasOwnProperty.call(this.release.relatedPrivileges, privilege)
      ? (this.release.relatedPrivileges[privilege] ?? [])
      : [];
  }
}

const cache = new Map<string, Catalogue>();

/** The catalogue of a reported version (`v2.6.19`); an unparsable one gets the newest. */
export function catalogueFor(version: string): Catalogue {
  let c = cache.get(version);
  if (!c) {
    const release =
      RELEASES.find((r) => {
        const [a, b, p] = r.since.split('.').map(Number);
        return versionAtLeast(version, a, b, p);
      }) ?? RELEASES[RELEASES.length - 1];
    c = new Catalogue(release);
    cache.set(version, c);
  }
  return c;
}

/** Every catalogue, newest first (for the tests that check the data). */
export const ALL_RELEASES = RELEASES;
