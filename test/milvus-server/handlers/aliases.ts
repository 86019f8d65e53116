// CreateAlias, AlterAlias, DropAlias, DescribeAlias, ListAliases: names only, for grants on aliases (G15, AL1–AL3).
import { type Call, str, type HandlerTable, type ServerContext } from '../context';
import { collectionKey } from '../state';
import { fail, MilvusFailure, successStatus } from '../status';
import { validateCollectionNameOrAlias } from '../validation';
import { resolvesAliasesInGrants } from '../version';

function dbOf(call: Call): string {
  return str(call.request.db_name) || call.caller.dbName;
}

function requireCollection(ctx: ServerContext, db: string, name: string): void {
  if (!ctx.state.databases.has(db)) throw fail.dbNotFound(db);
  if (!ctx.state.collections.has(collectionKey(db, name))) {
    throw new MilvusFailure(100, `collection not found[database=${db}][collection=${name}]`);
  }
}

function names(ctx: ServerContext, call: Call): { db: string; alias: string; collection: string } {
  const db = dbOf(call);
  const alias = str(call.request.alias);
  const collection = str(call.request.collection_name);
  validateCollectionNameOrAlias(alias, 'alias');
  validateCollectionNameOrAlias(collection, 'name');
  // From 2.6.12 the proxy resolves a collection name that is itself an alias (AL2).
  return {
    db,
    alias,
    collection: resolvesAliasesInGrants(ctx.options.version) ? ctx.state.resolveAlias(db, collection) : collection,
  };
}

// AL1–AL2: CreateAliasTask.PreExecute (internal/proxy/task_alias.go@v2.6.19), MetaTable.CheckIfAliasCreatable
// (internal/rootcoord/meta_table.go@v2.6.19; the same checks in MetaTable.CreateAlias @v2.5.27), in their order.
function createAlias(ctx: ServerContext, call: Call): unknown {
  const { db, alias, collection } = names(ctx, call);
  if (!ctx.state.databases.has(db)) throw fail.dbNotFound(db);
  if (ctx.state.collections.has(collectionKey(db, alias))) {
    throw new MilvusFailure(1601, `alias and collection name conflict[database=${db}][alias=${alias}]`);
  }
  if (!ctx.state.collections.has(collectionKey(db, collection))) {
    throw new MilvusFailure(100, `collection not found[database=${db}][collection=${collection}]`);
  }
  const current = ctx.state.aliases.get(collectionKey(db, alias));
  if (current === collection) return successStatus();
  if (current !== undefined) {
    throw new MilvusFailure(
      1602,
      `${alias} is alias to another collection: ${current}: alias already exist[database=${db}][alias=${alias}]`,
    );
  }
  ctx.state.aliases.set(collectionKey(db, alias), collection);
  ctx.state.changed();
  return successStatus();
}

function alterAlias(ctx: ServerContext, call: Call): unknown {
  const { db, alias, collection } = names(ctx, call);
  requireCollection(ctx, db, collection);
  if (ctx.state.collections.has(collectionKey(db, alias))) {
    throw new MilvusFailure(1601, `alias and collection name conflict[database=${db}][alias=${alias}]`);
  }
  if (!ctx.state.aliases.has(collectionKey(db, alias))) {
    throw new MilvusFailure(1600, `alias not found[database=${db}][alias=${alias}]`);
  }
  ctx.state.aliases.set(collectionKey(db, alias), collection);
  ctx.state.changed();
  return successStatus();
}

export const aliasHandlers: HandlerTable = {
  CreateAlias: createAlias,
  AlterAlias: alterAlias,

  DropAlias(ctx, call) {
    if (ctx.state.aliases.delete(collectionKey(dbOf(call), str(call.request.alias)))) ctx.state.changed();
    return successStatus();
  },

  DescribeAlias(ctx, call) {
    const db = dbOf(call);
    const alias = str(call.request.alias);
    const collection = ctx.state.aliases.get(collectionKey(db, alias));
    if (collection === undefined) throw new MilvusFailure(1600, `alias not found[database=${db}][alias=${alias}]`);
    return { status: successStatus(), db_name: db, alias, collection };
  },

  // ListAliasesTask.PreExecute (internal/proxy/task_alias.go@v2.6.19: a collection name is validated and, from 2.6.12,
  // resolved when it is an alias), MetaTable.ListAliases (internal/rootcoord/meta_table.go@v2.6.19, @v2.5.27): without a
  // collection name every alias of the database, names only; an unknown collection is code 100.
  ListAliases(ctx, call) {
    const db = dbOf(call);
    let collection = str(call.request.collection_name);
    if (collection !== '') {
      validateCollectionNameOrAlias(collection, 'name');
      if (resolvesAliasesInGrants(ctx.options.version)) collection = ctx.state.resolveAlias(db, collection);
    }
    if (!ctx.state.databases.has(db)) throw fail.dbNotFound(db);
    if (collection !== '' && !ctx.state.collections.has(collectionKey(db, collection))) {
      throw new MilvusFailure(100, `collection not found[collection=${collection}]`);
    }
    const aliases: string[] = [];
    for (const [key, target] of ctx.state.aliases) {
      const [aliasDb, alias] = key.split('\u0000');
      if (aliasDb === db && (collection === '' || target === collection)) aliases.push(alias);
    }
    return { status: successStatus(), db_name: db, collection_name: collection, aliases };
  },
};
