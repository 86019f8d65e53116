// The reads behind the RBAC health check: the access model (explainRead.ts), then one ListDatabases, one ShowCollections
// and one ListAliases per database, and one DescribeAlias per alias a grant names. A file is checked from its own
// content (no existence checks).
import type { AdminApi } from '../adminApi';
import { PUBLIC_ROLE } from './builtIns';
import { readAccessModel } from './explainRead';
import type { HealthInput, HealthPolicy } from './health';
import type { RbacFile } from '../rbac/file';
import type { Grant } from '../types';

export async function readHealthInput(api: AdminApi, policy: HealthPolicy): Promise<HealthInput> {
  const access = await readAccessModel(api);
  const databases = await api.listDatabases();
  const lists = await Promise.all(
    databases.map(async (db) => {
      // A caller whose public lost ListAliases sees no aliases: its alias grants then read as missing collections.
      const [collections, aliases] = await Promise.all([
        api.listCollections(db),
        api.listAliases(db).catch(() => [] as string[]),
      ]);
      return { db, collections, aliases };
    }),
  );
  const grants = [...access.grantsByRole.values()].flat();
  return {
    serverVersion: access.serverVersion,
    users: access.users,
    roles: access.model.roles,
    grants,
    groups: access.listedGroups ?? access.groups,
    collections: new Map(lists.map((l) => [l.db, l.collections])),
    aliases: await aliasTargets(api, lists, grants),
    policy,
  };
}

/** The collection of each alias a grant names (DescribeAlias for those only: most aliases are named by no grant). */
async function aliasTargets(
  api: AdminApi,
  lists: readonly { db: string; aliases: readonly string[] }[],
  grants: readonly Grant[],
): Promise<Map<string, Map<string, string>>> {
  const named = new Set(grants.map((g) => `${g.dbName}\u0000${g.objectName}`));
  const wanted = lists.flatMap(({ db, aliases }) =>
    aliases.filter((a) => named.has(`${db}\u0000${a}`) || named.has(`*\u0000${a}`)).map((alias) => ({ db, alias })),
  );
  const targets = new Map<string, Map<string, string>>();
  await Promise.all(
    wanted.map(async ({ db, alias }) => {
      const collection = await api.describeAlias(db, alias).catch(() => '');
      if (collection === '') return;
      let inDb = targets.get(db);
      if (!inDb) targets.set(db, (inDb = new Map()));
      inDb.set(alias, collection);
    }),
  );
  return targets;
}

/** A file's content as health input: its roles, bindings and grants (as a V2 grant stores them). */
export function fileHealthInput(file: RbacFile, serverVersion?: string): HealthInput {
  const grants: Grant[] = file.grants.map((g) => ({
    role: g.role,
    privilege: g.privilege,
    dbName: g.dbName,
    objectName: g.collectionName,
    objectType: 'Global',
    grantor: '',
  }));
  const members = (role: string): string[] => file.userRoles.filter((u) => u.roles.includes(role)).map((u) => u.user);
  return {
    serverVersion: serverVersion ?? file.source.serverVersion,
    users: file.userRoles.map((u) => ({ name: u.user, roles: u.roles })),
    roles: file.roles.filter((r) => r.name !== PUBLIC_ROLE).map((r) => ({ name: r.name, users: members(r.name) })),
    grants,
    groups: file.privilegeGroups.map((g) => ({ name: g.name, privileges: g.privileges, builtIn: false })),
    policy: file.policy ?? {},
  };
}
