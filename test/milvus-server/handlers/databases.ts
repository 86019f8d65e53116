// Databases and collections as names only (§5.4, §6): enough for grant pickers and for setting up test data.
import { type Call, str, type HandlerTable, type ServerContext } from '../context';
import { ALL_PRIVILEGE } from '../catalogue';
import { effectiveRoles } from '../authorization';
import { adminRolesOf } from '../flavor';
import { collectionKey } from '../state';
import { fail, MilvusFailure, successStatus } from '../status';
import { validateCollectionNameOrAlias, validateDatabaseName } from '../validation';

function dbOf(call: Call): string {
  return str(call.request.db_name) || call.caller.dbName;
}

function requireDb(ctx: ServerContext, db: string): void {
  if (!ctx.state.databases.has(db)) throw fail.dbNotFound(db);
}

/** The caller's bound roles (public's grants do not count, §5.4), or undefined when it sees everything. */
function boundRoles(ctx: ServerContext, call: Call): Set<string> | undefined {
  const user = call.caller.user;
  if (!ctx.options.auth || user === 'root') return undefined;
  if (user === undefined) return new Set();
  const roles = effectiveRoles(ctx.state, user).filter((r) => r !== 'public');
  return adminRolesOf(ctx.options.flavor).some((r) => roles.includes(r)) ? undefined : new Set(roles);
}

/** `getCurrentUserVisibleDatabases`: the DBs named by any grant of the bound roles; undefined = all. */
function visibleDatabases(ctx: ServerContext, call: Call): Set<string> | undefined {
  const roles = boundRoles(ctx, call);
  if (!roles) return undefined;
  const dbs = new Set<string>();
  for (const g of ctx.state.grants.values()) {
    if (!roles.has(g.role)) continue;
    if (g.dbName === '*') return undefined;
    dbs.add(g.dbName);
  }
  return dbs;
}

const COLLECTION_GROUPS = new Set(['CollectionReadOnly', 'CollectionReadWrite', 'CollectionAdmin']);

/**
 * `getCurrentUserVisibleCollections` for one DB: grants in that DB or `*` whose object type is Collection, or whose
 * privilege is a collection group or a custom group, name a collection (`*` = all); Global `All` shows all. Database
 * and cluster groups, ShowCollections included, show none. Undefined = all.
 */
function visibleCollections(ctx: ServerContext, call: Call, db: string): Set<string> | undefined {
  const roles = boundRoles(ctx, call);
  if (!roles) return undefined;
  const names = new Set<string>();
  for (const g of ctx.state.grants.values()) {
    if (!roles.has(g.role) || (g.dbName !== db && g.dbName !== '*')) continue;
    if (g.objectType === 'Global' && g.privilege === ALL_PRIVILEGE) return undefined;
    const named =
      g.objectType === 'Collection' || COLLECTION_GROUPS.has(g.privilege) || ctx.state.groups.has(g.privilege);
    if (!named) continue;
    if (g.objectName === '*') return undefined;
    names.add(g.objectName);
  }
  return names;
}

function aliasesOf(ctx: ServerContext, db: string, collection: string): string[] {
  const out: string[] = [];
  for (const [key, target] of ctx.state.aliases) {
    const [aliasDb, alias] = key.split('\u0000');
    if (aliasDb === db && target === collection) out.push(alias);
  }
  return out;
}

function collectionNotFound(db: string, name: string): MilvusFailure {
  return new MilvusFailure(100, `collection not found[database=${db}][collection=${name}]`);
}

export const databaseHandlers: HandlerTable = {
  CreateDatabase(ctx, { request }) {
    const name = str(request.db_name);
    validateDatabaseName(name);
    if (ctx.state.databases.has(name)) throw fail.unexpected(`database already exist: ${name}`);
    const properties = Array.isArray(request.properties)
      ? (request.properties as { key: string; value: string }[])
      : [];
    ctx.state.databases.set(name, { name, id: ctx.state.newId(), createdTs: Date.now(), properties });
    ctx.state.changed();
    return successStatus();
  },

  DropDatabase(ctx, { request }) {
    const name = str(request.db_name);
    // D3: `dropDatabaseTask.PreExecute` validates the name first (internal/proxy/task_database.go@v2.5.27, @v2.6.19).
    validateDatabaseName(name);
    if (name === 'default') throw fail.unexpected('can not drop default database');
    if (!ctx.state.databases.has(name)) return successStatus();
    if ([...ctx.state.collections.values()].some((c) => c.db === name)) {
      throw fail.unexpected(`database:${name} not empty, must drop all collections before drop database`);
    }
    ctx.state.databases.delete(name);
    ctx.state.changed();
    return successStatus();
  },

  ListDatabases(ctx, call) {
    const visible = visibleDatabases(ctx, call);
    const dbs = [...ctx.state.databases.values()].filter((d) => !visible || visible.has(d.name));
    return {
      status: successStatus(),
      db_names: dbs.map((d) => d.name),
      created_timestamp: dbs.map((d) => String(d.createdTs)),
      db_ids: dbs.map((d) => String(d.id)),
    };
  },

  DescribeDatabase(ctx, call) {
    const name = str(call.request.db_name) || 'default';
    const db = ctx.state.databases.get(name);
    if (!db) throw fail.dbNotFound(name);
    const visible = visibleDatabases(ctx, call);
    if (visible && !visible.has(name)) throw fail.notPermitted(`not allowed to access database, db name: ${name}`);
    return {
      status: successStatus(),
      db_name: db.name,
      dbID: String(db.id),
      created_timestamp: String(db.createdTs),
      properties: db.properties,
    };
  },

  CreateCollection(ctx, call) {
    const db = dbOf(call);
    requireDb(ctx, db);
    const name = str(call.request.collection_name);
    validateCollectionNameOrAlias(name, 'name');
    const schemaBytes = Buffer.isBuffer(call.request.schema) ? call.request.schema : Buffer.alloc(0);
    const schema = schemaBytes.toString('base64');
    const existing = ctx.state.collections.get(collectionKey(db, name));
    if (existing) {
      if (existing.schema === schema) return successStatus();
      throw fail.invalid(`create duplicate collection with different parameters, collection: ${name}`);
    }
    ctx.state.collections.set(collectionKey(db, name), {
      db,
      name,
      id: ctx.state.newId(),
      createdTs: Date.now(),
      schema,
      shardsNum:
        typeof call.request.shards_num === 'number' && call.request.shards_num > 0 ? call.request.shards_num : 1,
      consistencyLevel: str(call.request.consistency_level) || 'Bounded',
      properties: Array.isArray(call.request.properties)
        ? (call.request.properties as { key: string; value: string }[])
        : [],
    });
    ctx.state.changed();
    return successStatus();
  },

  DropCollection(ctx, call) {
    const db = dbOf(call);
    requireDb(ctx, db);
    const name = str(call.request.collection_name);
    const aliases = aliasesOf(ctx, db, name);
    if (aliases.length > 0) {
      throw fail.unexpected(
        `unable to drop the collection [${name}] because it has associated aliases [${aliases.join(', ')}], please remove all aliases before dropping the collection`,
      );
    }
    if (ctx.state.collections.delete(collectionKey(db, name))) ctx.state.changed();
    return successStatus();
  },

  HasCollection(ctx, call) {
    const db = dbOf(call);
    requireDb(ctx, db);
    return {
      status: successStatus(),
      value: ctx.state.collections.has(collectionKey(db, str(call.request.collection_name))),
    };
  },

  ShowCollections(ctx, call) {
    const db = dbOf(call);
    requireDb(ctx, db);
    const visible = visibleCollections(ctx, call, db);
    const cols = [...ctx.state.collections.values()].filter((c) => c.db === db && (!visible || visible.has(c.name)));
    return {
      status: successStatus(),
      collection_names: cols.map((c) => c.name),
      collection_ids: cols.map((c) => String(c.id)),
      created_timestamps: cols.map((c) => String(c.createdTs)),
      created_utc_timestamps: cols.map((c) => String(c.createdTs)),
      inMemory_percentages: [],
      query_service_available: cols.map(() => false),
      shards_num: cols.map((c) => c.shardsNum),
    };
  },

  DescribeCollection(ctx, call) {
    const db = dbOf(call);
    requireDb(ctx, db);
    const name = ctx.state.resolveAlias(db, str(call.request.collection_name));
    const c = ctx.state.collections.get(collectionKey(db, name));
    if (!c) throw collectionNotFound(db, name);
    return {
      status: successStatus(),
      schema: c.schema ? ctx.proto.decodeSchema(Buffer.from(c.schema, 'base64')) : { name: c.name, fields: [] },
      collectionID: String(c.id),
      created_timestamp: String(c.createdTs),
      created_utc_timestamp: String(c.createdTs),
      shards_num: c.shardsNum,
      consistency_level: c.consistencyLevel,
      collection_name: c.name,
      properties: c.properties,
      db_name: c.db,
      db_id: String(ctx.state.databases.get(db)?.id ?? 0),
      aliases: aliasesOf(ctx, db, name),
    };
  },
};
