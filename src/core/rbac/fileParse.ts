// Reads an RBAC file strictly: its structure against the schema (fileSchema.ts), then every name and privilege
// against the target's rules. The first problem rejects the whole file, naming the entry, before anything is sent.
import * as l10n from '@vscode/l10n';
import { BUILTIN_ROLES } from '../access/builtIns';
import { MilvusError } from '../errors/milvusError';
import {
  ANY_PRIVILEGE,
  checkNewPrivilegeGroupName,
  findGroup,
  isBuiltInGroup,
  isDefinedPrivilegeName,
  milvusPrivilegeLevel,
} from '../access/privileges';
import { grantKey } from './plan';
import type { RbacFile, RbacFileGroup, RbacFileRole, RbacFileUserRoles } from './file';
import { RbacFileSchema } from './fileSchema';
import { UNKNOWN_PRIVILEGES_FIELD } from './unknownPrivileges';
import {
  checkDatabaseName,
  checkDescription,
  checkPrivilegeGroupName,
  checkRoleName,
  checkUsername,
  goTrimSpace,
  type RuleViolation,
} from '../rules/checks';
import { checkShape } from '../schema';
import type { PrivilegeLevel, GrantSpec, RuleProfileId } from '../types';

/** Keys that would mean a secret is in the file; such a file is refused outright. */
const SECRET_KEY = /pass(word|wd)|hash|secret|token|credential/i;
const ALL = '*';

/** The first bad entry: where (`grants[3].privilege`) and what is wrong with it. */
class Invalid extends Error {
  constructor(
    readonly at: string,
    readonly problem: string,
  ) {
    super(`${at}: ${problem}`);
  }
}

function fail(at: string, message: string): never {
  throw new Invalid(at, message);
}

/** `"name": problem`, for a rule violation that does not quote the name itself. */
const quoted = (n: string, problem: string): string => l10n.t('"{name}": {problem}', { name: n, problem });

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

/** A role or user name as the server would store it: valid, and without the spaces the server would trim. */
function name(n: string, at: string, check: (n: string) => RuleViolation | undefined): string {
  const violation = check(n);
  if (violation) fail(at, quoted(n, violation.message));
  if (goTrimSpace(n) !== n) fail(at, l10n.t('"{name}" has leading or trailing spaces.', { name: n }));
  return n;
}

/** `twice` is the whole sentence for a repeated entry. */
function unique(seen: Set<string>, key: string, at: string, twice: () => string): void {
  if (seen.has(key)) fail(at, twice());
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
    return l10n.t('{privilege} is a cluster-level group: grant it with dbName and collectionName "*".', { privilege });
  if (level === 'Database' && t.collectionName !== ALL)
    return l10n.t('{privilege} is a database-level group: grant it with collectionName "*".', { privilege });
  if (level === 'Collection' && t.dbName === ALL && t.collectionName !== ALL)
    return l10n.t('{privilege} is a collection-level group: name the database of collection "{collection}".', {
      privilege,
      collection: t.collectionName,
    });
  return undefined;
}

function checkRoles(roles: readonly RbacFileRole[], profile: RuleProfileId): RbacFileRole[] {
  const seen = new Set<string>();
  return roles.map((entry, i) => {
    const role = name(entry.name, `roles[${i}].name`, (n) => checkRoleName(n, profile));
    if (BUILTIN_ROLES.has(role))
      fail(`roles[${i}]`, l10n.t('"{role}" is a built-in role; leave it out of the file.', { role }));
    unique(seen, role, `roles[${i}]`, () => l10n.t('Role "{role}" appears twice.', { role }));
    const description = entry.description;
    if (description === undefined) return { name: role };
    const violation = checkDescription(description, 'role');
    if (violation) fail(`roles[${i}].description`, violation.message);
    return description ? { name: role, description } : { name: role };
  });
}

function checkGroups(groups: readonly RbacFileGroup[], profile: RuleProfileId): RbacFileGroup[] {
  const seen = new Set<string>();
  return groups.map(({ name: group, privileges }, i) => {
    const at = `privilegeGroups[${i}]`;
    const violation = checkNewPrivilegeGroupName(group, profile);
    if (violation)
      fail(
        `${at}.name`,
        violation.message.includes(`"${group}"`) ? violation.message : quoted(group, violation.message),
      );
    unique(seen, group, at, () => l10n.t('Privilege group "{group}" appears twice.', { group }));
    if (new Set(privileges).size !== privileges.length) fail(`${at}.privileges`, l10n.t('a privilege appears twice.'));
    if (privileges.length > 0 && commonLevel(privileges) === undefined) {
      fail(
        `${at}.privileges`,
        l10n.t(
          'group "{group}" mixes privileges of different levels (cluster, database, collection); Milvus refuses that.',
          { group },
        ),
      );
    }
    return { name: group, privileges };
  });
}

/** The names the file declares as privileges this tool does not know: non-empty, trimmed, each once. */
function checkUnknownPrivileges(names: readonly string[] | undefined): ReadonlySet<string> {
  const seen = new Set<string>();
  for (const [i, privilege] of (names ?? []).entries()) {
    const at = `${UNKNOWN_PRIVILEGES_FIELD}[${i}]`;
    if (privilege === '' || goTrimSpace(privilege) !== privilege)
      fail(at, l10n.t('must be a privilege name, without spaces around it.'));
    unique(seen, privilege, at, () => l10n.t('Privilege "{privilege}" appears twice.', { privilege }));
  }
  return seen;
}

function checkGrants(
  grants: readonly GrantSpec[],
  profile: RuleProfileId,
  groups: readonly RbacFileGroup[],
  unknown: ReadonlySet<string>,
): GrantSpec[] {
  const seen = new Set<string>();
  return grants.map(({ privilege, dbName, collectionName, ...entry }, i) => {
    const at = `grants[${i}]`;
    const role = name(entry.role, `${at}.role`, (n) => checkRoleName(n, profile));
    if (privilege !== ANY_PRIVILEGE && !isDefinedPrivilegeName(privilege) && !unknown.has(privilege)) {
      const violation = checkPrivilegeGroupName(privilege, profile);
      if (violation)
        fail(
          `${at}.privilege`,
          l10n.t('"{privilege}" is no Milvus privilege or built-in group, and no valid custom group name: {problem}', {
            privilege,
            problem: violation.message,
          }),
        );
    }
    const dbViolation = dbName === ALL ? undefined : checkDatabaseName(dbName);
    if (dbViolation) fail(`${at}.dbName`, quoted(dbName, dbViolation.message));
    if (collectionName.trim() !== collectionName || collectionName === '')
      fail(`${at}.collectionName`, l10n.t('must be a collection name or "*", without spaces around it.'));
    const grant: GrantSpec = { role, privilege, dbName, collectionName };
    const custom = groups.find((g) => g.name === privilege);
    const level = isBuiltInGroup(privilege)
      ? findGroup(privilege)?.level
      : custom
        ? commonLevel(custom.privileges)
        : undefined;
    const problem = levelProblem(level, privilege, grant);
    if (problem) fail(at, problem);
    unique(seen, grantKey(grant), at, () =>
      l10n.t('The grant of {privilege} to role "{role}" on {db}/{collection} appears twice.', {
        privilege,
        role,
        db: dbName,
        collection: collectionName,
      }),
    );
    return grant;
  });
}

function checkUserRoles(bindings: readonly RbacFileUserRoles[], profile: RuleProfileId): RbacFileUserRoles[] {
  const seen = new Set<string>();
  return bindings.map((entry, i) => {
    const at = `userRoles[${i}]`;
    const user = name(entry.user, `${at}.user`, (n) => checkUsername(n, profile));
    unique(seen, user, at, () => l10n.t('User "{user}" appears twice.', { user }));
    const roles = entry.roles.map((r, j) => name(r, `${at}.roles[${j}]`, (n) => checkRoleName(n, profile)));
    if (new Set(roles).size !== roles.length) fail(`${at}.roles`, l10n.t('a role appears twice.'));
    return { user, roles };
  });
}

/** The structure first (the schema), then what a schema cannot say: the target's naming rules, duplicates, levels. */
function parseDocument(value: unknown, profile: RuleProfileId): RbacFile {
  const secretAt = findSecretKey(value, '');
  if (secretAt) fail(secretAt, l10n.t('RBAC files never carry passwords, hashes or tokens; remove this field.'));
  const checked = checkShape(RbacFileSchema, value);
  if (!checked.ok) fail(checked.at, checked.message);
  const file = checked.value;
  if (Number.isNaN(Date.parse(file.exportedAt)))
    fail('exportedAt', l10n.t('"{value}" is not a date and time.', { value: file.exportedAt }));
  const roles = checkRoles(file.roles, profile);
  const privilegeGroups = checkGroups(file.privilegeGroups, profile);
  const unknown = checkUnknownPrivileges(file.privilegesUnknownToClient);
  return {
    ...file,
    roles,
    privilegeGroups,
    grants: checkGrants(file.grants, profile, privilegeGroups, unknown),
    userRoles: checkUserRoles(file.userRoles, profile),
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
      position
        ? l10n.t('The RBAC file is not valid JSON (error at character {position}). Nothing was sent.', { position })
        : l10n.t('The RBAC file is not valid JSON. Nothing was sent.'),
    );
  }
  try {
    return parseDocument(value, profile);
  } catch (e) {
    if (e instanceof Invalid)
      throw new MilvusError(
        'invalidInput',
        l10n.t('The RBAC file is not valid at {at}: {problem} Nothing was sent.', { at: e.at, problem: e.problem }),
      );
    throw e;
  }
}
