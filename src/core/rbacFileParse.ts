// Reads an RBAC file strictly: the exact schema, every name and privilege checked against the target's rules. The first
// problem rejects the whole file, naming the entry, before anything is sent.
import { BUILTIN_ROLES } from './builtIns';
import { MilvusError } from './errors';
import {
  ANY_PRIVILEGE,
  checkNewPrivilegeGroupName,
  findGroup,
  isBuiltInGroup,
  isDefinedPrivilegeName,
  milvusPrivilegeLevel,
} from './privileges';
import { grantKey } from './rbacPlan';
import {
  RBAC_FILE_FORMAT,
  RBAC_FILE_VERSION,
  type RbacFile,
  type RbacFileGroup,
  type RbacFileRole,
  type RbacFileSource,
  type RbacFileUserRoles,
} from './rbacFile';
import {
  checkDatabaseName,
  checkDescription,
  checkPrivilegeGroupName,
  checkRoleName,
  checkUsername,
  goTrimSpace,
  type RuleViolation,
} from './rules';
import type { PrivilegeLevel, GrantSpec, RuleProfileId } from './types';

type Json = Record<string, unknown>;

/** Keys that would mean a secret is in the file; such a file is refused outright. */
const SECRET_KEY = /pass(word|wd)|hash|secret|token|credential/i;
const ALL = '*';

class Invalid extends Error {}

function fail(at: string, message: string): never {
  throw new Invalid(`${at}: ${message}`);
}

function findSecretKey(value: unknown, at: string): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findSecretKey(value[i], `${at}[${i}]`);
      if (hit) return hit;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const path = at ? `${at}.${key}` : key;
      if (SECRET_KEY.test(key)) return path;
      const hit = findSecretKey(child, path);
      if (hit) return hit;
    }
  }
  return undefined;
}

function object(value: unknown, at: string, required: readonly string[], optional: readonly string[] = []): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(at, 'must be an object.');
  const o = value as Json;
  for (const key of Object.keys(o)) {
    if (!required.includes(key) && !optional.includes(key)) fail(at, `unknown field "${key}".`);
  }
  for (const key of required) if (!(key in o)) fail(at, `the field "${key}" is missing.`);
  return o;
}

function array(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) fail(at, 'must be a list.');
  return value;
}

function text(value: unknown, at: string): string {
  if (typeof value !== 'string') fail(at, 'must be a string.');
  return value;
}

/** A role or user name as the server would store it: valid, and without the spaces the server would trim. */
function name(value: unknown, at: string, check: (n: string) => RuleViolation | undefined): string {
  const n = text(value, at);
  const violation = check(n);
  if (violation) fail(at, `"${n}": ${violation.message}`);
  if (goTrimSpace(n) !== n) fail(at, `"${n}" has leading or trailing spaces.`);
  return n;
}

function unique(seen: Set<string>, key: string, at: string, what: string): void {
  if (seen.has(key)) fail(at, `${what} appears twice.`);
  seen.add(key);
}

/** The level a privilege group's members share (Milvus `GetPrivilegeLevel`), or undefined when they don't. */
export function commonLevel(privileges: readonly string[]): PrivilegeLevel | '' | undefined {
  const levels = new Set(privileges.map((p) => milvusPrivilegeLevel(p) ?? ''));
  return levels.size === 1 ? [...levels][0] : undefined;
}

/** Milvus `validatePrivilegeGroupParams` (G8): where a group of this level may be granted. */
export function levelProblem(
  level: PrivilegeLevel | '' | undefined,
  privilege: string,
  t: GrantSpec,
): string | undefined {
  if (level === 'Cluster' && (t.dbName !== ALL || t.collectionName !== ALL))
    return `${privilege} is a cluster-level group: grant it with dbName and collectionName "*".`;
  if (level === 'Database' && t.collectionName !== ALL)
    return `${privilege} is a database-level group: grant it with collectionName "*".`;
  if (level === 'Collection' && t.dbName === ALL && t.collectionName !== ALL)
    return `${privilege} is a collection-level group: name the database of collection "${t.collectionName}".`;
  return undefined;
}

function parseSource(value: unknown): RbacFileSource {
  const o = object(value, 'source', ['address', 'serverVersion'], ['database']);
  const source: RbacFileSource = {
    address: text(o.address, 'source.address'),
    serverVersion: text(o.serverVersion, 'source.serverVersion'),
  };
  if (o.database !== undefined) source.database = text(o.database, 'source.database');
  return source;
}

function parseRoles(value: unknown, profile: RuleProfileId): RbacFileRole[] {
  const seen = new Set<string>();
  return array(value, 'roles').map((entry, i) => {
    const o = object(entry, `roles[${i}]`, ['name'], ['description']);
    const role = name(o.name, `roles[${i}].name`, (n) => checkRoleName(n, profile));
    if (BUILTIN_ROLES.has(role)) fail(`roles[${i}]`, `"${role}" is a built-in role; leave it out of the file.`);
    unique(seen, role, `roles[${i}]`, `Role "${role}"`);
    if (o.description === undefined) return { name: role };
    const description = text(o.description, `roles[${i}].description`);
    const violation = checkDescription(description, 'role');
    if (violation) fail(`roles[${i}].description`, violation.message);
    return description ? { name: role, description } : { name: role };
  });
}

function parseGroups(value: unknown, profile: RuleProfileId): RbacFileGroup[] {
  const seen = new Set<string>();
  return array(value, 'privilegeGroups').map((entry, i) => {
    const at = `privilegeGroups[${i}]`;
    const o = object(entry, at, ['name', 'privileges']);
    const group = text(o.name, `${at}.name`);
    const violation = checkNewPrivilegeGroupName(group, profile);
    if (violation)
      fail(
        `${at}.name`,
        violation.message.includes(`"${group}"`) ? violation.message : `"${group}": ${violation.message}`,
      );
    unique(seen, group, at, `Privilege group "${group}"`);
    const privileges = array(o.privileges, `${at}.privileges`).map((p, j) => {
      const privilege = text(p, `${at}.privileges[${j}]`);
      if (!isDefinedPrivilegeName(privilege))
        fail(`${at}.privileges[${j}]`, `"${privilege}" is not a Milvus privilege.`);
      return privilege;
    });
    if (new Set(privileges).size !== privileges.length) fail(`${at}.privileges`, 'a privilege appears twice.');
    if (privileges.length > 0 && commonLevel(privileges) === undefined) {
      fail(
        `${at}.privileges`,
        `group "${group}" mixes privileges of different levels (cluster, database, collection); Milvus refuses that.`,
      );
    }
    return { name: group, privileges };
  });
}

function parseGrants(value: unknown, profile: RuleProfileId, groups: readonly RbacFileGroup[]): GrantSpec[] {
  const seen = new Set<string>();
  return array(value, 'grants').map((entry, i) => {
    const at = `grants[${i}]`;
    const o = object(entry, at, ['role', 'privilege', 'dbName', 'collectionName']);
    const role = name(o.role, `${at}.role`, (n) => checkRoleName(n, profile));
    const privilege = text(o.privilege, `${at}.privilege`);
    if (privilege !== ANY_PRIVILEGE && !isDefinedPrivilegeName(privilege)) {
      const violation = checkPrivilegeGroupName(privilege, profile);
      if (violation)
        fail(
          `${at}.privilege`,
          `"${privilege}" is no Milvus privilege or built-in group, and no valid custom group name: ${violation.message}`,
        );
    }
    const dbName = text(o.dbName, `${at}.dbName`);
    const dbViolation = dbName === ALL ? undefined : checkDatabaseName(dbName);
    if (dbViolation) fail(`${at}.dbName`, `"${dbName}": ${dbViolation.message}`);
    const collectionName = text(o.collectionName, `${at}.collectionName`);
    if (collectionName.trim() !== collectionName || collectionName === '')
      fail(`${at}.collectionName`, 'must be a collection name or "*", without spaces around it.');
    const grant: GrantSpec = { role, privilege, dbName, collectionName };
    const custom = groups.find((g) => g.name === privilege);
    const level = isBuiltInGroup(privilege)
      ? findGroup(privilege)?.level
      : custom
        ? commonLevel(custom.privileges)
        : undefined;
    const problem = levelProblem(level, privilege, grant);
    if (problem) fail(at, problem);
    unique(seen, grantKey(grant), at, `The grant of ${privilege} to role "${role}" on ${dbName}/${collectionName}`);
    return grant;
  });
}

function parseUserRoles(value: unknown, profile: RuleProfileId): RbacFileUserRoles[] {
  const seen = new Set<string>();
  return array(value, 'userRoles').map((entry, i) => {
    const at = `userRoles[${i}]`;
    const o = object(entry, at, ['user', 'roles']);
    const user = name(o.user, `${at}.user`, (n) => checkUsername(n, profile));
    unique(seen, user, at, `User "${user}"`);
    const roles = array(o.roles, `${at}.roles`).map((r, j) =>
      name(r, `${at}.roles[${j}]`, (n) => checkRoleName(n, profile)),
    );
    if (new Set(roles).size !== roles.length) fail(`${at}.roles`, 'a role appears twice.');
    return { user, roles };
  });
}

function parseDocument(value: unknown, profile: RuleProfileId): RbacFile {
  const secretAt = findSecretKey(value, '');
  if (secretAt) fail(secretAt, 'RBAC files never carry passwords, hashes or tokens; remove this field.');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('the top level', 'must be an object.');
  const top = value as Json;
  if (top.format !== RBAC_FILE_FORMAT)
    fail('format', `must be "${RBAC_FILE_FORMAT}"; this is not an RBAC file of Milvus Access Manager.`);
  if (top.version !== RBAC_FILE_VERSION)
    fail(
      'version',
      `${JSON.stringify(top.version)} is not supported; this extension reads version ${RBAC_FILE_VERSION}.`,
    );
  const o = object(top, 'the top level', [
    'format',
    'version',
    'exportedAt',
    'source',
    'roles',
    'privilegeGroups',
    'grants',
    'userRoles',
  ]);
  const exportedAt = text(o.exportedAt, 'exportedAt');
  if (Number.isNaN(Date.parse(exportedAt))) fail('exportedAt', `"${exportedAt}" is not a date and time.`);
  const source = parseSource(o.source);
  const roles = parseRoles(o.roles, profile);
  const privilegeGroups = parseGroups(o.privilegeGroups, profile);
  const grants = parseGrants(o.grants, profile, privilegeGroups);
  const userRoles = parseUserRoles(o.userRoles, profile);
  return {
    format: RBAC_FILE_FORMAT,
    version: RBAC_FILE_VERSION,
    exportedAt,
    source,
    roles,
    privilegeGroups,
    grants,
    userRoles,
  };
}

/**
 * Parses and validates an RBAC file for a target with the given rule profile. Rejects with an invalidInput MilvusError
 * naming the first bad entry (e.g. `grants[3].privilege: …`).
 */
export function parseRbacFile(content: string, profile: RuleProfileId): RbacFile {
  let value: unknown;
  try {
    value = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    // Only the position: V8's message quotes the text around it, which must not reach a notification or the log.
    const position = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    throw new MilvusError(
      'invalidInput',
      `The RBAC file is not valid JSON${position ? ` (error at character ${position})` : ''}. Nothing was sent.`,
    );
  }
  try {
    return parseDocument(value, profile);
  } catch (e) {
    if (e instanceof Invalid)
      throw new MilvusError('invalidInput', `The RBAC file is not valid at ${e.message} Nothing was sent.`);
    throw e;
  }
}
