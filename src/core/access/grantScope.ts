// Where a grant applies, read from how Milvus stores it (docs/milvus-behaviour.md §4.3, §4.4, §3.3 G13, §5.3). The tree,
// the effective-privileges report, the access queries and the RBAC file plan all name a grant's scope through here.
//
// The stored object type does not say the scope on its own: V2 stores every privilege group (built-in or custom) and
// `*` with object type Global, also when it names one collection (§4.3: `GrantV2(role, "CollectionReadOnly", db1, c1)`
// lists as Global/c1/db1). So the scope comes from the names: a named object is a collection (or a user, for object type
// User); `*` in a named database is that database; `*` everywhere is the cluster. Privileges (and built-in groups) of
// collection level granted on `*` read as "all collections", which is what they reach.
import * as l10n from '@vscode/l10n';
import { ALL_PRIVILEGE, ANY_PRIVILEGE, levelOf, objectTypeOf } from './privileges';
import type { Grant, GrantSpec } from '../types';

export type ScopeLevel = 'cluster' | 'database' | 'collection' | 'user';

export interface GrantScope {
  level: ScopeLevel;
  /** `*` = every database. */
  dbName: string;
  /** The collection (level collection) or user (level user); `*` = all of them, and always `*` at cluster and database level. */
  objectName: string;
  /**
   * For people, in the display language: `collection default.articles`, `all collections in db1`, `database db1`,
   * `cluster`, `user alice`. Never a key: compare scopes by level, dbName and objectName.
   */
  label: string;
}

const ALL = '*';
/** The legacy group Admin matches any object of the grant's database (§4.4), whatever object name it was stored with. */
const LEGACY_ADMIN = 'Admin';

function label(level: ScopeLevel, dbName: string, objectName: string): string {
  switch (level) {
    case 'cluster':
      return l10n.t('cluster');
    case 'database':
      return dbName === ALL ? l10n.t('all databases') : l10n.t('database {0}', dbName);
    case 'collection':
      if (dbName === ALL)
        return objectName === ALL ? l10n.t('all collections') : l10n.t('collection {0} in every database', objectName);
      return objectName === ALL
        ? l10n.t('all collections in {0}', dbName)
        : l10n.t('collection {db}.{collection}', { db: dbName, collection: objectName });
    case 'user':
      if (dbName === ALL) return objectName === ALL ? l10n.t('all users') : l10n.t('user {0}', objectName);
      return objectName === ALL
        ? l10n.t('all users (database {0})', dbName)
        : l10n.t('user {user} (database {db})', { user: objectName, db: dbName });
  }
}

function scopeLevel(grant: Pick<Grant, 'objectType' | 'objectName' | 'dbName' | 'privilege'>): ScopeLevel {
  const { objectType, objectName, dbName, privilege } = grant;
  if (objectType === 'User') return 'user';
  if (privilege === LEGACY_ADMIN) return dbName === ALL ? 'cluster' : 'database';
  if (objectName !== ALL || objectType === 'Collection' || levelOf(privilege) === 'Collection') return 'collection';
  return dbName === ALL ? 'cluster' : 'database';
}

/** The scope of a grant as SelectGrant (or BackupRBAC) lists it. */
export function grantScope(grant: Pick<Grant, 'objectType' | 'objectName' | 'dbName' | 'privilege'>): GrantScope {
  const level = scopeLevel(grant);
  const objectName = level === 'collection' || level === 'user' ? grant.objectName : ALL;
  return { level, dbName: grant.dbName, objectName, label: label(level, grant.dbName, objectName) };
}

/** The scope a V2 grant of `target` gets: stored with the object type Milvus derives from the privilege (§4.3). */
export function grantSpecScope(target: GrantSpec): GrantScope {
  return grantScope({
    objectType: objectTypeOf(target.privilege),
    objectName: target.collectionName,
    dbName: target.dbName,
    privilege: target.privilege,
  });
}

/** True for the privileges that stand for every privilege: `*` and `All` (§4.1). */
export function isWildcardPrivilege(privilege: string): boolean {
  return privilege === ANY_PRIVILEGE || privilege === ALL_PRIVILEGE;
}
