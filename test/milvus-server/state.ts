// The in-memory model (users, roles, bindings, grants, privilege groups, databases, collections) and its JSON file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ObjectType } from './catalogue/types';

export interface UserRecord {
  name: string;
  /** bcrypt hash (cost 4, like `crypto.PasswordEncrypt`). */
  hash: string;
  description: string;
  /** Explicitly bound roles, in binding order. */
  roles: Set<string>;
}

export interface RoleRecord {
  name: string;
  description: string;
}

export interface GrantRecord {
  role: string;
  objectType: ObjectType;
  dbName: string;
  objectName: string;
  privilege: string;
  grantor: string;
}

export interface DatabaseRecord {
  name: string;
  id: number;
  createdTs: number;
  properties: { key: string; value: string }[];
}

export interface CollectionRecord {
  db: string;
  name: string;
  id: number;
  createdTs: number;
  /** base64 of the serialized `schema.CollectionSchema` the client sent. */
  schema: string;
  shardsNum: number;
  consistencyLevel: string;
  properties: { key: string; value: string }[];
}

interface StateJson {
  version: 1;
  nextId: number;
  users: { name: string; hash: string; description: string; roles: string[] }[];
  roles: RoleRecord[];
  grants: GrantRecord[];
  privilegeGroups: { name: string; privileges: string[] }[];
  databases: DatabaseRecord[];
  collections: CollectionRecord[];
  aliases?: { db: string; alias: string; collection: string }[];
}

export function grantKey(g: Omit<GrantRecord, 'grantor'>): string {
  return [g.role, g.objectType, g.dbName, g.objectName, g.privilege].join('\u0000');
}

export function collectionKey(db: string, name: string): string {
  return `${db}\u0000${name}`;
}

export class ServerState {
  users = new Map<string, UserRecord>();
  roles = new Map<string, RoleRecord>();
  grants = new Map<string, GrantRecord>();
  /** Custom privilege groups only; members in insertion order. */
  groups = new Map<string, string[]>();
  databases = new Map<string, DatabaseRecord>();
  collections = new Map<string, CollectionRecord>();
  /** collectionKey(db, alias) → collection name. */
  aliases = new Map<string, string>();
  private nextId = 450000000000000000;
  private sortedUserNames: string[] | undefined;

  constructor(private readonly stateFile?: string) {}

  newId(): number {
    return this.nextId++;
  }

  /** Sorted like etcd keys (byte order); cached until the user set changes. */
  userNamesSorted(): string[] {
    this.sortedUserNames ??= [...this.users.keys()].sort(byteOrder);
    return this.sortedUserNames;
  }

  /** Call after every change: invalidates caches and writes the state file. */
  changed(): void {
    this.sortedUserNames = undefined;
    if (this.stateFile) this.save(this.stateFile);
  }

  /** The collection an alias names in `db`, or the name itself (G15: callers check `resolvesAliasesInGrants`). */
  resolveAlias(db: string, name: string): string {
    return this.aliases.get(collectionKey(db, name)) ?? name;
  }

  grantsOfRole(role: string): GrantRecord[] {
    return [...this.grants.values()].filter((g) => g.role === role);
  }

  /** Every role's users, sorted, in one pass over the users (SelectRole of all roles: 1,000 roles × 10,000 users). */
  usersByRole(): Map<string, string[]> {
    const byRole = new Map<string, string[]>();
    for (const name of this.userNamesSorted()) {
      for (const role of this.users.get(name)?.roles ?? []) {
        const list = byRole.get(role);
        if (list) list.push(name);
        else byRole.set(role, [name]);
      }
    }
    return byRole;
  }

  toJson(): StateJson {
    return {
      version: 1,
      nextId: this.nextId,
      users: [...this.users.values()].map((u) => ({
        name: u.name,
        hash: u.hash,
        description: u.description,
        roles: [...u.roles],
      })),
      roles: [...this.roles.values()],
      grants: [...this.grants.values()],
      privilegeGroups: [...this.groups].map(([name, privileges]) => ({ name, privileges })),
      databases: [...this.databases.values()],
      collections: [...this.collections.values()],
      aliases: [...this.aliases].map(([key, collection]) => {
        const [db, alias] = key.split('\u0000');
        return { db, alias, collection };
      }),
    };
  }

  save(file: string): void {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(this.toJson()), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  /** Loads a state file written by `save`; returns false when it does not exist. */
  load(file: string): boolean {
    if (!fs.existsSync(file)) return false;
    const j = JSON.parse(fs.readFileSync(file, 'utf8')) as StateJson;
    this.nextId = j.nextId;
    this.users = new Map(j.users.map((u) => [u.name, { ...u, roles: new Set(u.roles) }]));
    this.roles = new Map(j.roles.map((r) => [r.name, r]));
    this.grants = new Map(j.grants.map((g) => [grantKey(g), g]));
    this.groups = new Map(j.privilegeGroups.map((g) => [g.name, g.privileges]));
    this.databases = new Map(j.databases.map((d) => [d.name, d]));
    this.collections = new Map(j.collections.map((c) => [collectionKey(c.db, c.name), c]));
    this.aliases = new Map((j.aliases ?? []).map((a) => [collectionKey(a.db, a.alias), a.collection]));
    this.sortedUserNames = undefined;
    return true;
  }
}

/** etcd key order. Names are validated ASCII, where UTF-16 order equals byte order. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
