// OperatePrivilege (V1), OperatePrivilegeV2, SelectGrant (§3.3 G1–G14, SG1–SG2, §4.3, §5.3).
import { ANY_WORD, catalogueFor } from '../catalogue';
import type { ObjectType, PrivilegeLevel } from '../catalogue/types';
import { entityName, str, type Call, type HandlerTable, type ServerContext } from '../context';
import { grantKey, type GrantRecord } from '../state';
import { fail, successStatus } from '../status';
import { errorEra, resolvesAliasesInGrants } from '../version';
import {
  validateGrantCollectionName,
  validateDatabaseName,
  validateName,
  validateObjectName,
  validatePrivilegeName,
  validateRoleName,
} from '../validation';

const EC = 'OperatePrivilegeFailure';
const OBJECT_TYPES: readonly string[] = ['Collection', 'Global', 'User'];

interface Operation {
  role: string;
  objectType: string;
  objectName: string;
  dbName: string;
  privilege: string;
  grant: boolean;
  v2: boolean;
}

/** The caller recorded as grantor (`GetCurUserFromContext`), needed even when auth is off (G1). */
function grantorOf(call: Call): string {
  if (call.caller.user === undefined)
    throw fail.invalid(call.caller.userError ?? 'fail to get authorization from the md');
  return call.caller.user;
}

function opType(v: unknown): boolean {
  if (v === 'Grant') return true;
  if (v === 'Revoke') return false;
  throw fail.invalid('the type in the request not grant or revoke');
}

/** Level of a custom group: its members' common level (PG8 keeps them equal); undefined when empty or unknown. */
function customGroupLevel(ctx: ServerContext, name: string): PrivilegeLevel | undefined {
  const members = ctx.state.groups.get(name);
  return members && members.length > 0 ? catalogueFor(ctx.options.version).privilegeLevel(members[0]) : undefined;
}

/** `Core.validatePrivilegeGroupParams` (G8): only groups are level-checked. */
function checkV2Level(ctx: ServerContext, op: Operation): void {
  const p = op.privilege;
  const builtIn = catalogueFor(ctx.options.version).builtInGroup(p);
  const level = builtIn ? builtIn.level : ctx.state.groups.has(p) ? customGroupLevel(ctx, p) : undefined;
  if (level === 'Cluster' && (op.dbName !== '*' || op.objectName !== '*')) {
    throw fail.invalid(`dbName and collectionName should be * for the cluster level privilege: ${p}`, EC);
  }
  if (level === 'Database' && op.objectName !== '*' && op.objectName !== '') {
    throw fail.invalid(`collectionName should be * for the database level privilege: ${p}`, EC);
  }
  if (level === 'Collection' && op.dbName === '*' && op.objectName !== '*') {
    throw fail.invalid(`please specify database name for the collection level privilege: ${p}`, EC);
  }
}

/** Rootcoord `OperatePrivilege`: common check, privilege check, store. */
function operate(ctx: ServerContext, op: Operation, grantor: string): void {
  const { state } = ctx;
  const catalogue = catalogueFor(ctx.options.version);
  const prefix = 'failed to operate privilege common check';
  if (!op.v2 && !OBJECT_TYPES.includes(op.objectType)) {
    throw fail.invalid(`${prefix}: the object entity in the request is nil or invalid`, EC);
  }
  if (!state.roles.has(op.role)) {
    // G2: before 2.6.19 the rootcoord's own text (65535 by the era rule in dispatch).
    throw errorEra(ctx.options.version) === 'merr'
      ? fail.invalid(`${prefix}: the role "${op.role}" does not exist`, EC)
      : fail.unexpected("not found the role, maybe the role isn't existed or internal system error", EC);
  }
  if (!state.users.has(grantor)) throw fail.invalid(`${prefix}: the grantor user "${grantor}" does not exist`, EC);
  const p = op.privilege;
  let objectType = op.objectType as ObjectType;
  let objectName = op.objectName;
  if (!op.v2) {
    if (p !== ANY_WORD) {
      if (catalogue.builtInGroup(p)) throw fail.invalid(`can not operate the built-in privilege group [${p}]`, EC);
      const inList = catalogue.isDefinedPrivilegeName(p) && catalogue.v1Privileges(objectType).includes(p);
      if (!inList) {
        if (state.groups.has(p)) throw fail.invalid(`can not operate the custom privilege group [${p}]`, EC);
        throw fail.invalid(`not found the privilege name[${p}] in object[${objectType}]`, EC);
      }
    }
    // §3.3 G13: a Global grant's object name becomes `*`, unless the privilege is a group (V1 takes only legacy Admin).
    if (objectType === 'Global' && !catalogue.isLegacyGroup(p)) objectName = '*';
  } else {
    if (p !== ANY_WORD && !catalogue.isDefinedPrivilegeName(p) && !state.groups.has(p)) {
      throw fail.invalid(`not found the privilege name[${p}]`, EC);
    }
    checkV2Level(ctx, op);
    objectType = catalogue.objectTypeOf(p);
  }
  let changed = false;
  for (const privilege of [p, ...catalogue.relatedPrivileges(p)]) {
    const rec: GrantRecord = { role: op.role, objectType, dbName: op.dbName, objectName, privilege, grantor };
    const key = grantKey(rec);
    if (op.grant && !state.grants.has(key)) {
      state.grants.set(key, rec);
      changed = true;
    } else if (!op.grant && state.grants.delete(key)) {
      changed = true;
    }
  }
  if (changed) state.changed();
}

function dbOrCurrent(db: string, call: Call): string {
  return db === '' ? call.caller.dbName : db;
}

/** A grant as SelectGrant and BackupRBAC return it (milvus.proto GrantEntity). */
/**
 * G15: from 2.6.12 the proxy stores a grant on an alias under the collection it names (`OperatePrivilege` and
 * `OperatePrivilegeV2` in internal/proxy/impl.go@v2.6.19, `proxy.resolveAliasForPrivilege`); before, under the alias.
 */
function aliased(ctx: ServerContext, db: string, name: string): string {
  return resolvesAliasesInGrants(ctx.options.version) ? ctx.state.resolveAlias(db, name) : name;
}

export function grantEntity(g: GrantRecord): Record<string, unknown> {
  return {
    role: { name: g.role, description: '' },
    object: { name: g.objectType },
    object_name: g.objectName,
    grantor: { user: { name: g.grantor }, privilege: { name: g.privilege } },
    db_name: g.dbName,
  };
}

export const grantHandlers: HandlerTable = {
  OperatePrivilege(ctx, call) {
    const e = call.request.entity as Record<string, unknown> | null;
    if (!e) throw fail.invalid('the entity in the request is nil');
    const objectType = entityName(e.object);
    if (objectType === undefined) throw fail.invalid('the object entity in the request is nil');
    validateName(objectType, 'ObjectType', ctx.profile);
    validateObjectName(str(e.object_name), ctx.profile);
    const role = entityName(e.role);
    if (role === undefined) throw fail.invalid('the object role in the request is nil');
    validateRoleName(role, ctx.profile);
    const privilege = entityName((e.grantor as Record<string, unknown> | null)?.privilege);
    if (privilege === undefined) throw fail.invalid('the privilege entity in the grantor entity is nil');
    validatePrivilegeName(privilege, ctx.profile);
    const grant = opType(call.request.type);
    const dbName = dbOrCurrent(str(e.db_name), call);
    if (dbName !== '*') validateDatabaseName(dbName);
    const grantor = grantorOf(call);
    const rawName = str(e.object_name);
    const objectName = objectType === 'Collection' && rawName !== '*' ? aliased(ctx, dbName, rawName) : rawName;
    operate(ctx, { role, objectType, objectName, dbName, privilege, grant, v2: false }, grantor);
    return successStatus();
  },

  OperatePrivilegeV2(ctx, call) {
    const r = call.request;
    const role = entityName(r.role);
    if (role === undefined) throw fail.invalid('the role in the request is nil');
    validateRoleName(role, ctx.profile);
    const privilege = entityName((r.grantor as Record<string, unknown> | null)?.privilege);
    if (privilege === undefined) throw fail.invalid('the privilege entity in the grantor entity is nil');
    // `Proxy.validateOperatePrivilegeV2Params` (internal/proxy/impl.go@v2.5.27, @v2.6.19): role, privilege, type, db, collection.
    validatePrivilegeName(privilege, ctx.profile);
    const grant = opType(r.type);
    const rawDb = str(r.db_name);
    if (rawDb !== '' && rawDb !== '*') validateDatabaseName(rawDb);
    const collection = str(r.collection_name);
    validateGrantCollectionName(collection, ctx.profile);
    const grantor = grantorOf(call);
    const dbName = dbOrCurrent(rawDb, call);
    const objectName = collection === '*' ? collection : aliased(ctx, dbName, collection);
    operate(ctx, { role, objectType: '', objectName, dbName, privilege, grant, v2: true }, grantor);
    return successStatus();
  },

  SelectGrant(ctx, call) {
    const e = call.request.entity as Record<string, unknown> | null;
    if (!e) throw fail.invalid('the grant entity in the request is nil');
    const objectType = entityName(e.object);
    const objectName = str(e.object_name);
    if (objectType !== undefined) {
      validateName(objectType, 'ObjectType', ctx.profile);
      validateObjectName(objectName, ctx.profile);
    }
    const role = entityName(e.role);
    if (role === undefined) throw fail.invalid('the role entity in the grant entity is nil');
    validateRoleName(role, ctx.profile);
    // `Core.SelectGrant` (internal/rootcoord/root_coord.go): isValidRole, then isValidObject. D5: before 2.6.19
    // isValidRole answers its own plain text (root_coord.go@v2.6.18 f15a99625b, @v2.5.27 c8e90858d5).
    if (!ctx.state.roles.has(role)) {
      throw errorEra(ctx.options.version) === 'merr'
        ? fail.invalid(`the role "${role}" does not exist`, 'SelectGrantFailure')
        : fail.unexpected(
            "not found the role, maybe the role isn't existed or internal system error",
            'SelectGrantFailure',
          );
    }
    // D4: an object type outside commonpb.ObjectType (Go prints the names of a map, in no fixed order).
    if (objectType !== undefined && !OBJECT_TYPES.includes(objectType)) {
      throw fail.invalid(
        `not found the object type[name: ${objectType}], supported the object types: [${OBJECT_TYPES.join(' ')}]`,
        'SelectGrantFailure',
      );
    }
    const db = dbOrCurrent(str(e.db_name), call);
    const specific = objectType !== undefined && objectType !== '' && objectName !== '';
    const entities = ctx.state
      .grantsOfRole(role)
      .filter((g) => (specific ? g.objectType === objectType && g.objectName === objectName : true))
      .filter((g) => db === '*' || g.dbName === db || g.dbName === '*')
      .map(grantEntity);
    return { status: successStatus(), entities };
  },
};
