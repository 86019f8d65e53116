// Writes are diffs: compute what to add and remove against a fresh read, never "remove all, then re-add".
import type { Grant, GrantSpec } from '../types';

export interface SetDiff<T> {
  add: T[];
  remove: T[];
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** Role bindings to add (in `wanted` order) and to remove (in `current` order). Duplicates are ignored. */
export function rolesDiff(current: readonly string[], wanted: readonly string[]): SetDiff<string> {
  const have = new Set(current);
  const want = new Set(wanted);
  return {
    add: unique(wanted).filter((r) => !have.has(r)),
    remove: unique(current).filter((r) => !want.has(r)),
  };
}

/** Privileges of a custom group to add and remove. */
export function privilegesDiff(current: readonly string[], wanted: readonly string[]): SetDiff<string> {
  return rolesDiff(current, wanted);
}

export function grantKey(t: GrantSpec): string {
  return JSON.stringify([t.role, t.privilege, t.dbName, t.collectionName]);
}

/** A listed grant as the target that revokes it (V2 shape: db and collection, `*` for all). */
export function grantToSpec(g: Grant): GrantSpec {
  return { role: g.role, privilege: g.privilege, dbName: g.dbName, collectionName: g.objectName };
}

/** Grants to add and revoke so that the role ends with exactly `wanted`. */
export function grantsDiff(current: readonly GrantSpec[], wanted: readonly GrantSpec[]): SetDiff<GrantSpec> {
  const have = new Set(current.map(grantKey));
  const want = new Set(wanted.map(grantKey));
  const seen = new Set<string>();
  const add: GrantSpec[] = [];
  for (const t of wanted) {
    const k = grantKey(t);
    if (!have.has(k) && !seen.has(k)) {
      seen.add(k);
      add.push(t);
    }
  }
  const remove: GrantSpec[] = [];
  for (const t of current) {
    const k = grantKey(t);
    if (!want.has(k) && !seen.has(k)) {
      seen.add(k);
      remove.push(t);
    }
  }
  return { add, remove };
}
