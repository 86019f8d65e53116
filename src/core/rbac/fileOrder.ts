// A server's model in the order of a file it is compared with: the diff then shows what differs, not where. Entries the
// file has come in the file's order; entries only the server has follow, in the canonical (export) order.
import type { RbacFile } from './file';
import { grantKey } from './plan';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** The array `key` of a parsed (possibly invalid) file, or []. */
function entries(reference: unknown, key: string): unknown[] {
  const value = isObject(reference) ? reference[key] : undefined;
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** `items` sorted by where their key stands in `order` (unknown keys last, keeping their canonical order). */
function follow<T>(items: readonly T[], keyOf: (item: T) => string, order: readonly (string | undefined)[]): T[] {
  const rank = new Map<string, number>();
  order.forEach((key, i) => {
    if (key !== undefined && !rank.has(key)) rank.set(key, i);
  });
  const at = (item: T): number => rank.get(keyOf(item)) ?? Number.MAX_SAFE_INTEGER;
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => at(a.item) - at(b.item) || a.i - b.i)
    .map(({ item }) => item);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const field = (entry: unknown, key: string): string | undefined => (isObject(entry) ? text(entry[key]) : undefined);
const strings = (entry: unknown, key: string): string[] =>
  isObject(entry) && Array.isArray(entry[key]) ? (entry[key] as unknown[]).map((v) => text(v) ?? '') : [];

/** `model` with its lists (and the lists inside groups and bindings) in the order `reference` (a parsed file) has them. */
export function orderLike(model: RbacFile, reference: unknown): RbacFile {
  const groups = entries(reference, 'privilegeGroups');
  const bindings = entries(reference, 'userRoles');
  const insideOf = (list: unknown[], key: string, name: string, inner: string): string[] =>
    strings(
      list.find((e) => field(e, key) === name),
      inner,
    );
  return {
    ...model,
    roles: follow(
      model.roles,
      (r) => r.name,
      entries(reference, 'roles').map((e) => field(e, 'name')),
    ),
    privilegeGroups: follow(
      model.privilegeGroups.map((g) => ({
        ...g,
        privileges: follow(g.privileges, (p) => p, insideOf(groups, 'name', g.name, 'privileges')),
      })),
      (g) => g.name,
      groups.map((e) => field(e, 'name')),
    ),
    grants: follow(
      model.grants,
      grantKey,
      entries(reference, 'grants').map((e) => {
        const [role, privilege, dbName, collectionName] = ['role', 'privilege', 'dbName', 'collectionName'].map((k) =>
          field(e, k),
        );
        return role !== undefined && privilege !== undefined && dbName !== undefined && collectionName !== undefined
          ? grantKey({ role, privilege, dbName, collectionName })
          : undefined;
      }),
    ),
    userRoles: follow(
      model.userRoles.map((u) => ({
        ...u,
        roles: follow(u.roles, (r) => r, insideOf(bindings, 'user', u.user, 'roles')),
      })),
      (u) => u.user,
      bindings.map((e) => field(e, 'user')),
    ),
  };
}
