// RBAC health: what is wrong or risky in a server's (or an RBAC file's) users, roles and grants, each with the change
// that fixes it as plan steps (run through the plan runner after a confirmation). Pure: the reads are in healthRead.ts.
import * as l10n from '@vscode/l10n';
import { ADMIN_ROLE, BUILTIN_ROLES, PUBLIC_ROLE, ROOT_USER } from './builtIns';
import { grantScope } from './grantScope';
import { ALL_PRIVILEGE, ANY_PRIVILEGE, isBuiltInGroup, isLegacyGroup } from './privileges';
import { atLeast } from './release';
import { builtInGroupsOn, privilegesOn } from './releaseCatalogue';
import type { RbacApplyStep } from '../rbac/steps';
import type { Grant, GrantSpec, PrivilegeGroup, UserWithRoles } from '../types';

export interface HealthPolicy {
  /** Roles that may hold `*`, All or ClusterAdmin-level grants (besides admin). */
  adminRoles?: readonly string[];
  /** Grants to public beyond the server's defaults are expected. */
  allowPublicGrants?: boolean;
}

export interface HealthInput {
  serverVersion: string;
  users: readonly UserWithRoles[];
  /** Every role, built-ins included, with its members. */
  roles: readonly { name: string; users: readonly string[] }[];
  /** Grants of every custom role, and of public. */
  grants: readonly Grant[];
  /** Custom groups, and the built-in groups as the server lists them (flagged builtIn); empty where unknown. */
  groups: readonly PrivilegeGroup[];
  /** Databases, and the collections of each; undefined: not read (a file), so existence is not checked. */
  collections?: ReadonlyMap<string, readonly string[]>;
  /** Per database, the aliases that grants name and the collection each names (healthRead.ts); undefined: not read. */
  aliases?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  policy: HealthPolicy;
}

export type FindingCode =
  | 'missingDatabase'
  | 'missingCollection'
  | 'aliasGrant'
  | 'roleWithoutGrants'
  | 'roleWithoutMembers'
  | 'userWithoutRoles'
  | 'adminGrantOutsidePolicy'
  | 'publicBeyondDefaults'
  | 'legacyBesideV2'
  | 'undefinedPrivilege'
  | 'builtInGroupChanged';

export interface Finding {
  code: FindingCode;
  /** What it is about: `role reader`, `user bob`, or the grant's label. */
  subject: string;
  message: string;
  /** The change that fixes it; empty when only a person can decide (then `advice` says what to do). */
  fix: RbacApplyStep[];
  advice?: string;
  /** The grant, role or user it is about (for Problems in a file). */
  role?: string;
  user?: string;
  grant?: Grant;
}

const ALL = '*';
/** §3.5: what public holds on a fresh server (ShowCollections on clusters upgraded from 2.3). */
const PUBLIC_DEFAULTS = new Set(['DescribeCollection', 'ListAliases', 'IndexDetail', 'ShowCollections']);
const ADMIN_LEVEL = new Set([ANY_PRIVILEGE, ALL_PRIVILEGE, 'ClusterAdmin', 'Admin']);

const spec = (g: Grant): GrantSpec => {
  const scope = grantScope(g);
  return { role: g.role, privilege: g.privilege, dbName: g.dbName, collectionName: scope.objectName };
};
const grantText = (g: Grant): string =>
  l10n.t('{privilege} on {scope} (role {role})', { privilege: g.privilege, scope: grantScope(g).label, role: g.role });
const revoke = (g: Grant): RbacApplyStep[] => [{ kind: 'revoke', grant: spec(g) }];

/** §3.3 G15: from 2.6.12 Milvus checks a request naming an alias against the collection the alias names. */
const ALIASES_RESOLVED = '2.6.12';

/** The database and collection of an alias a grant names (in its database, or in any for db `*`). */
function aliasTarget(input: HealthInput, g: Grant, name: string): { db: string; collection: string } | undefined {
  const aliases = input.aliases;
  if (!aliases) return undefined;
  for (const db of g.dbName === ALL ? [...aliases.keys()] : [g.dbName]) {
    const collection = aliases.get(db)?.get(name);
    if (collection !== undefined) return { db, collection };
  }
  return undefined;
}

/** A grant on an alias: grant the same on the collection; the alias grant stays (see the advice). */
function aliasFinding(input: HealthInput, g: Grant, alias: string, collection: string): Finding {
  const resolved = atLeast(input.serverVersion, ALIASES_RESOLVED);
  return {
    code: 'aliasGrant',
    subject: grantText(g),
    message: resolved
      ? l10n.t(
          '{alias} is an alias of collection {collection}. Milvus {version} checks every request against the collection an alias names, so this grant allows nothing.',
          { alias, collection, version: input.serverVersion },
        )
      : l10n.t(
          '{alias} is an alias of collection {collection}. Milvus {version} applies this grant only to requests that name the alias, and from Milvus 2.6.12 on to none (requests are checked against the collection).',
          { alias, collection, version: input.serverVersion },
        ),
    fix: [{ kind: 'grant', grant: { ...spec(g), collectionName: collection } }],
    advice: resolved
      ? l10n.t(
          'The alias grant cannot be revoked while the alias exists (Milvus would revoke the grant on the collection instead); it does nothing.',
        )
      : l10n.t('Keep the alias grant while clients name the alias; revoke it after upgrading to 2.6.12 or later.'),
    role: g.role,
    grant: g,
  };
}

function existenceFindings(input: HealthInput): Finding[] {
  const collections = input.collections;
  if (!collections) return [];
  const findings: Finding[] = [];
  for (const g of input.grants) {
    if (g.dbName !== ALL && !collections.has(g.dbName)) {
      findings.push({
        code: 'missingDatabase',
        subject: grantText(g),
        message: l10n.t('The grant names database {0}, which does not exist.', g.dbName),
        fix: revoke(g),
        role: g.role,
        grant: g,
      });
      continue;
    }
    const scope = grantScope(g);
    if (scope.level !== 'collection' || scope.objectName === ALL) continue;
    const dbs = g.dbName === ALL ? [...collections.keys()] : [g.dbName];
    if (dbs.some((db) => collections.get(db)?.includes(scope.objectName))) continue;
    const aliased = aliasTarget(input, g, scope.objectName);
    if (aliased) findings.push(aliasFinding(input, g, scope.objectName, aliased.collection));
    else
      findings.push({
        code: 'missingCollection',
        subject: grantText(g),
        message: l10n.t(
          'The grant names collection {0}, which does not exist there (dropped or renamed).',
          scope.objectName,
        ),
        fix: revoke(g),
        role: g.role,
        grant: g,
      });
  }
  return findings;
}

function roleFindings(input: HealthInput): Finding[] {
  const findings: Finding[] = [];
  // Grouped once: filtering 20,000 grants for each of 1,000 roles took 0.3 s of a 2 s budget (issue 22's bench).
  const grantsOf = new Map<string, Grant[]>();
  for (const g of input.grants) {
    const list = grantsOf.get(g.role);
    if (list) list.push(g);
    else grantsOf.set(g.role, [g]);
  }
  for (const role of input.roles) {
    if (BUILTIN_ROLES.has(role.name)) continue;
    const grants = grantsOf.get(role.name) ?? [];
    if (grants.length === 0)
      findings.push({
        code: 'roleWithoutGrants',
        subject: l10n.t('role {0}', role.name),
        message: l10n.t('The role has no grants: its members get nothing from it.'),
        fix: role.users.length === 0 ? [{ kind: 'dropRole', role: role.name }] : [],
        advice: role.users.length === 0 ? undefined : l10n.t('Grant it what its members need, or unbind and drop it.'),
        role: role.name,
      });
    if (role.users.length === 0)
      findings.push({
        code: 'roleWithoutMembers',
        subject: l10n.t('role {0}', role.name),
        message: l10n.t('No user holds the role.'),
        fix: [...grants.flatMap(revoke), { kind: 'dropRole', role: role.name }],
        role: role.name,
      });
    const legacy = grants.filter((g) => isLegacyGroup(g.privilege));
    if (legacy.length > 0 && grants.some((g) => isBuiltInGroup(g.privilege)))
      findings.push({
        code: 'legacyBesideV2',
        subject: l10n.t('role {0}', role.name),
        message: l10n.t(
          'The role holds the legacy groups {legacy} beside built-in privilege groups: the legacy ones match only their exact database and are easy to misread.',
          { legacy: legacy.map((g) => g.privilege).join(', ') },
        ),
        fix: legacy.flatMap(revoke),
        advice: l10n.t('Revoke the legacy grants once the built-in groups cover what they gave.'),
        role: role.name,
      });
  }
  for (const user of input.users) {
    if (user.name === ROOT_USER || user.roles.length > 0) continue;
    findings.push({
      code: 'userWithoutRoles',
      subject: l10n.t('user {0}', user.name),
      message: l10n.t('The user has no role: it may do only what public allows.'),
      fix: [],
      advice: l10n.t('Bind a role, or drop the user if nobody uses it.'),
      user: user.name,
    });
  }
  return findings;
}

function grantFindings(input: HealthInput): Finding[] {
  const findings: Finding[] = [];
  const allowedAdmins = new Set([ADMIN_ROLE, ...(input.policy.adminRoles ?? [])]);
  const custom = new Set(input.groups.filter((g) => !g.builtIn).map((g) => g.name));
  const defined = new Set(privilegesOn(input.serverVersion));
  for (const g of input.grants) {
    if (ADMIN_LEVEL.has(g.privilege) && !allowedAdmins.has(g.role))
      findings.push({
        code: 'adminGrantOutsidePolicy',
        subject: grantText(g),
        message: l10n.t(
          '{privilege} gives role {role} (nearly) everything, and the policy does not list it as an admin role.',
          {
            privilege: g.privilege,
            role: g.role,
          },
        ),
        fix: revoke(g),
        advice: l10n.t('Revoke it, or add the role to policy.adminRoles in the RBAC file.'),
        role: g.role,
        grant: g,
      });
    if (g.role === PUBLIC_ROLE && !input.policy.allowPublicGrants && !PUBLIC_DEFAULTS.has(g.privilege))
      findings.push({
        code: 'publicBeyondDefaults',
        subject: grantText(g),
        message: l10n.t('Every user holds public: this grant reaches every user of the server.'),
        fix: revoke(g),
        role: g.role,
        grant: g,
      });
    const known =
      defined.has(g.privilege) ||
      custom.has(g.privilege) ||
      g.privilege === ANY_PRIVILEGE ||
      g.privilege === ALL_PRIVILEGE ||
      isLegacyGroup(g.privilege) ||
      (isBuiltInGroup(g.privilege) && builtInGroupsOn(input.serverVersion).length > 0);
    if (!known)
      findings.push({
        code: 'undefinedPrivilege',
        subject: grantText(g),
        message: l10n.t('Milvus {version} defines no privilege or group named {name}: the grant allows nothing.', {
          version: input.serverVersion,
          name: g.privilege,
        }),
        fix: revoke(g),
        role: g.role,
        grant: g,
      });
  }
  return findings;
}

function groupFindings(input: HealthInput): Finding[] {
  const listed = input.groups.filter((g) => g.builtIn);
  if (listed.length === 0) return [];
  const findings: Finding[] = [];
  for (const expected of builtInGroupsOn(input.serverVersion)) {
    const actual = listed.find((g) => g.name === expected.name);
    if (!actual) continue;
    const missing = expected.privileges.filter((p) => !actual.privileges.includes(p));
    const extra = actual.privileges.filter((p) => !expected.privileges.includes(p));
    if (missing.length === 0 && extra.length === 0) continue;
    findings.push({
      code: 'builtInGroupChanged',
      subject: l10n.t('group {0}', expected.name),
      message: l10n.t('The built-in group differs from the Milvus {version} default: {diff}.', {
        version: input.serverVersion,
        diff: [
          ...(missing.length ? [l10n.t('lacks {0}', missing.join(', '))] : []),
          ...(extra.length ? [l10n.t('adds {0}', extra.join(', '))] : []),
        ].join('; '),
      }),
      fix: [],
      advice: l10n.t(
        'Built-in groups are overridden in the server configuration (common.security.rbac.*, 2.6.16+); every role granted the group is affected. Restore the default there if the change is not intended.',
      ),
    });
  }
  return findings;
}

/** Every finding, in a stable order: by code, then subject. */
export function checkRbacHealth(input: HealthInput): Finding[] {
  const order: FindingCode[] = [
    'adminGrantOutsidePolicy',
    'publicBeyondDefaults',
    'missingDatabase',
    'missingCollection',
    'aliasGrant',
    'undefinedPrivilege',
    'builtInGroupChanged',
    'legacyBesideV2',
    'roleWithoutGrants',
    'roleWithoutMembers',
    'userWithoutRoles',
  ];
  return [...existenceFindings(input), ...roleFindings(input), ...grantFindings(input), ...groupFindings(input)].sort(
    (a, b) =>
      order.indexOf(a.code) - order.indexOf(b.code) || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0),
  );
}
