// Bootstrap state (§3.5, §3.5) and seed data for tests, the demo and the bench.
import * as fs from 'node:fs';
import bcrypt from 'bcryptjs';
import { catalogueFor } from './catalogue';
import type { ObjectType } from './catalogue/types';
import { collectionKey, grantKey, type ServerState } from './state';

/** bcrypt.MinCost, what Milvus uses (`crypto.PasswordEncrypt`, §2.4). */
export const BCRYPT_COST = 4;

export interface SeedData {
  users?: { name: string; password?: string; passwordHash?: string; roles?: string[]; description?: string }[];
  roles?: (string | { name: string; description?: string })[];
  /** objectType defaults to the privilege's own type, objectName to `*`, dbName to `default`, grantor to `root`. */
  grants?: {
    role: string;
    privilege: string;
    objectType?: ObjectType;
    objectName?: string;
    dbName?: string;
    grantor?: string;
  }[];
  privilegeGroups?: { name: string; privileges: string[] }[];
  databases?: string[];
  collections?: { name: string; db?: string }[];
  /** Aliases of seeded collections (a grant seeded on an alias name stays under that name, as one made before it). */
  aliases?: { alias: string; collection: string; db?: string }[];
}

export function bootstrap(state: ServerState, rootPassword: string): void {
  state.users.set('root', {
    name: 'root',
    hash: bcrypt.hashSync(rootPassword, BCRYPT_COST),
    description: '',
    roles: new Set(),
  });
  for (const name of ['admin', 'public']) state.roles.set(name, { name, description: '' });
  const publicGrants: [ObjectType, string, string][] = [
    ['Global', '*', 'DescribeCollection'],
    ['Global', '*', 'ListAliases'],
    ['Collection', '*', 'IndexDetail'],
  ];
  for (const [objectType, objectName, privilege] of publicGrants) {
    const g = { role: 'public', objectType, dbName: '*', objectName, privilege, grantor: 'root' };
    state.grants.set(grantKey(g), g);
  }
  state.databases.set('default', { name: 'default', id: 1, createdTs: Date.now(), properties: [] });
}

export function readSeedFile(file: string): SeedData {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SeedData;
}

/** Applies seed data directly (no RPC checks, no limits). Identical passwords share one bcrypt hash. */
/** Applies a seed; a grant without an object type gets the one the reported release (`version`) stores. */
export function applySeed(state: ServerState, seed: SeedData, version = 'v2.6.19'): void {
  const catalogue = catalogueFor(version);
  const hashes = new Map<string, string>();
  const hashOf = (pw: string): string => {
    let h = hashes.get(pw);
    if (!h) hashes.set(pw, (h = bcrypt.hashSync(pw, BCRYPT_COST)));
    return h;
  };
  const ensureRole = (name: string, description = ''): void => {
    const existing = state.roles.get(name);
    if (!existing || description)
      state.roles.set(name, { name, description: description || existing?.description || '' });
  };
  for (const db of seed.databases ?? []) {
    if (!state.databases.has(db))
      state.databases.set(db, { name: db, id: state.newId(), createdTs: Date.now(), properties: [] });
  }
  for (const r of seed.roles ?? []) {
    if (typeof r === 'string') ensureRole(r);
    else ensureRole(r.name, r.description);
  }
  for (const u of seed.users ?? []) {
    for (const r of u.roles ?? []) ensureRole(r);
    const hash = u.passwordHash ?? hashOf(u.password ?? '');
    state.users.set(u.name, { name: u.name, hash, description: u.description ?? '', roles: new Set(u.roles ?? []) });
  }
  for (const g of seed.privilegeGroups ?? []) state.groups.set(g.name, [...new Set(g.privileges)]);
  for (const g of seed.grants ?? []) {
    ensureRole(g.role);
    const rec = {
      role: g.role,
      objectType: g.objectType ?? catalogue.objectTypeOf(g.privilege),
      dbName: g.dbName ?? 'default',
      objectName: g.objectName ?? '*',
      privilege: g.privilege,
      grantor: g.grantor ?? 'root',
    };
    state.grants.set(grantKey(rec), rec);
  }
  for (const c of seed.collections ?? []) {
    const db = c.db ?? 'default';
    if (!state.databases.has(db))
      state.databases.set(db, { name: db, id: state.newId(), createdTs: Date.now(), properties: [] });
    state.collections.set(collectionKey(db, c.name), {
      db,
      name: c.name,
      id: state.newId(),
      createdTs: Date.now(),
      schema: '',
      shardsNum: 1,
      consistencyLevel: 'Bounded',
      properties: [],
    });
  }
  for (const a of seed.aliases ?? []) state.aliases.set(collectionKey(a.db ?? 'default', a.alias), a.collection);
}
