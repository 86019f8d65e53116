// CreateAlias, AlterAlias, DropAlias, DescribeAlias, ListAliases: names only, for grants on aliases (G15).
import { type Call, str, type HandlerTable, type ServerContext } from '../context';
import { collectionKey } from '../state';
import { fail, MilvusFailure, successStatus } from '../status';
import { validateCollectionNameOrAlias } from '../validation';

function dbOf(call: Call): string {
  return str(call.request.db_name) || call.caller.dbName;
}

function requireCollection(ctx: ServerContext, db: string, name: string): void {
  if (!ctx.state.databases.has(db)) throw fail.dbNotFound(db);
  if (!ctx.state.collections.has(collectionKey(db, name))) {
    throw new MilvusFailure(100, `collection not found[database=${db}][collection=${name}]`);
  }
}

function setAlias(ctx: ServerContext, call: Call, alter: boolean): unknown {
  const db = dbOf(call);
  const alias = str(call.request.alias);
  const collection = str(call.request.collection_name);
  validateCollectionNameOrAlias(alias, 'alias');
  requireCollection(ctx, db, collection);
  if (ctx.state.collections.has(collectionKey(db, alias))) {
    throw new MilvusFailure(1601, `alias and collection name conflict[database=${db}][alias=${alias}]`);
  }
  const current = ctx.state.aliases.get(collectionKey(db, alias));
  if (!alter && current !== undefined && current !== collection) {
    throw new MilvusFailure(
      1601,
      `alias exists and already aliased to another collection, alias: ${alias}, collection: ${current}, other collection: ${collection}`,
    );
  }
  if (alter && current === undefined) throw new MilvusFailure(1600, `alias not found[database=${db}][alias=${alias}]`);
  ctx.state.aliases.set(collectionKey(db, alias), collection);
  ctx.state.changed();
  return successStatus();
}

export const aliasHandlers: HandlerTable = {
  CreateAlias: (ctx, call) => setAlias(ctx, call, false),
  AlterAlias: (ctx, call) => setAlias(ctx, call, true),

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

  ListAliases(ctx, call) {
    const db = dbOf(call);
    const collection = str(call.request.collection_name);
    if (!ctx.state.databases.has(db)) throw fail.dbNotFound(db);
    const aliases: string[] = [];
    for (const [key, target] of ctx.state.aliases) {
      const [aliasDb, alias] = key.split('\u0000');
      if (aliasDb === db && (collection === '' || target === collection)) aliases.push(alias);
    }
    return { status: successStatus(), db_name: db, collection_name: collection, aliases };
  },
};
