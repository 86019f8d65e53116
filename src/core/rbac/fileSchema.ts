// The RBAC file's structure, defined once: fileParse.ts checks a file with it before the checks a schema cannot
// express (naming rules of the target, duplicates, group levels), the RbacFile types are inferred from it, and
// scripts/schemas.ts turns it into schemas/milvus-rbac.schema.json, which VS Code uses for `*.milvus-rbac.json` files.
// Privileges, built-in groups and their levels come from the catalogue in privileges.ts (docs/milvus-behaviour.md §4).
// The descriptions are the JSON schema's (a build artefact, English); the messages of a failed check are functions, so
// they are translated when the check runs.
import * as l10n from '@vscode/l10n';
import * as v from 'valibot';
import { ALL_PRIVILEGE, ANY_PRIVILEGE, BUILT_IN_GROUPS, LEGACY_GROUPS, PRIVILEGES } from '../access/privileges';
import { strictRecord } from '../schema';
import type { PrivilegeLevel } from '../types';

export const RBAC_FILE_FORMAT = 'milvus-access-manager/rbac';
export const RBAC_FILE_VERSION = 1;
const ALL = '*';

const described = <S extends v.GenericSchema>(schema: S, description: string) =>
  v.pipe(schema, v.description(description));

const WHERE: Record<PrivilegeLevel, string> = {
  Cluster: 'grant it with dbName and collectionName "*"',
  Database: 'grant it with a dbName (or "*") and collectionName "*"',
  Collection: 'grant it with a dbName and a collectionName (or "*")',
};

/** Every name Milvus accepts as a privilege (`IsPrivilegeNameDefined`), with what the editor shows for each. */
const PRIVILEGE_CHOICES: readonly (readonly [name: string, description: string])[] = [
  ...PRIVILEGES.map((p) => [p.name, `${p.level}-level privilege: ${WHERE[p.level]}.`] as const),
  [ALL_PRIVILEGE, 'Every privilege (PrivilegeAll).'],
  ...BUILT_IN_GROUPS.map(
    (g) => [g.name, `Built-in ${g.level}-level group (${WHERE[g.level]}): ${g.privileges.join(', ')}.`] as const,
  ),
  ...LEGACY_GROUPS.map((g) => [g.name, `Legacy ${g.level}-level group: ${g.privileges.join(', ')}.`] as const),
];
const CUSTOM_GROUP = 'A custom privilege group.';
const PRIVILEGE_NAMES = PRIVILEGE_CHOICES.map(([name]) => name);
const NOT_A_PRIVILEGE = 'Not a Milvus privilege or built-in privilege group (names are case-sensitive).';

const PrivilegeNameSchema = v.pipe(
  v.picklist(PRIVILEGE_NAMES, (issue) =>
    typeof issue.input === 'string'
      ? l10n.t('"{name}" is not a Milvus privilege.', { name: issue.input })
      : l10n.t('must be a string.'),
  ),
  v.description('A Milvus privilege or built-in privilege group.'),
  v.metadata({ enumDescriptions: PRIVILEGE_CHOICES.map(([, d]) => d), errorMessage: NOT_A_PRIVILEGE }),
);

/** In the editor: a built-in group's level decides where it may be granted (Milvus `validatePrivilegeGroupParams`). */
function levelRule(level: PrivilegeLevel, scope: Record<string, { const: string }>) {
  return {
    if: {
      properties: { privilege: { enum: BUILT_IN_GROUPS.filter((g) => g.level === level).map((g) => g.name) } },
      required: ['privilege'],
    },
    then: {
      properties: Object.fromEntries(
        Object.entries(scope).map(([key, value]) => [
          key,
          { ...value, errorMessage: `A ${level.toLowerCase()}-level group: ${WHERE[level]}.` },
        ]),
      ),
    },
  };
}

const GrantSchema = v.pipe(
  strictRecord({
    role: described(v.string(), 'The role that holds the grant (a custom role of the file or of the target).'),
    privilege: v.pipe(
      v.string(),
      v.description(
        'A privilege, a built-in group, a custom group of this file or of the target, "*" or "All". Groups have a level: cluster groups are granted with dbName and collectionName "*", database groups with collectionName "*".',
      ),
      v.metadata({
        anyOf: [
          {
            enum: [...PRIVILEGE_NAMES, ANY_PRIVILEGE],
            enumDescriptions: [...PRIVILEGE_CHOICES.map(([, d]) => d), 'Every privilege (stored as "*").'],
          },
          { type: 'string', description: CUSTOM_GROUP },
        ],
      }),
    ),
    dbName: v.pipe(
      v.string(),
      v.description('The database, or "*" for every database (cluster-level grants).'),
      v.metadata({ examples: [ALL, 'default'] }),
    ),
    collectionName: v.pipe(
      v.string(),
      v.description('The collection, or "*" for every collection (cluster- and database-level grants).'),
      v.metadata({ examples: [ALL] }),
    ),
  }),
  v.description('A privilege or group granted to a role at one level.'),
  v.metadata({
    allOf: [
      levelRule('Cluster', { dbName: { const: ALL }, collectionName: { const: ALL } }),
      levelRule('Database', { collectionName: { const: ALL } }),
    ],
  }),
);

const RoleSchema = strictRecord({
  name: described(v.string(), 'A custom role (built-in roles are left out).'),
  description: v.optional(described(v.string(), 'At most 1024 bytes; needs Milvus 2.6.19 or later.')),
});

const GroupSchema = strictRecord({
  name: described(v.string(), CUSTOM_GROUP),
  privileges: described(v.array(PrivilegeNameSchema), 'Privileges of one level (cluster, database or collection).'),
});

const UserRolesSchema = strictRecord({
  user: described(v.string(), 'A user of the target (users are never created from the file).'),
  roles: described(v.array(v.string()), 'The roles bound to the user (public is implicit).'),
});

const SourceSchema = strictRecord({
  address: described(v.string(), 'The server the file was exported from.'),
  serverVersion: v.string(),
  database: v.optional(v.string()),
});

const PolicySchema = strictRecord({
  adminRoles: v.optional(
    described(
      v.array(v.string()),
      'Roles that may hold `*`, All or cluster-admin grants (RBAC health, milvus-rbac lint).',
    ),
  ),
  allowPublicGrants: v.optional(
    described(v.boolean(), 'Whether grants to public beyond the server defaults are expected (default false).'),
  ),
});

/** The whole file. Never a password, hash or token: a file with such a field is refused. */
export const RbacFileSchema = v.pipe(
  strictRecord({
    format: described(
      v.literal(RBAC_FILE_FORMAT, () =>
        l10n.t('must be "{format}"; this is not an RBAC file of Milvus Access Manager.', { format: RBAC_FILE_FORMAT }),
      ),
      'What this file is.',
    ),
    version: described(
      v.literal(RBAC_FILE_VERSION, (issue) =>
        l10n.t('{received} is not supported; this extension reads version {version}.', {
          received: issue.received,
          version: RBAC_FILE_VERSION,
        }),
      ),
      'Version of the file format.',
    ),
    exportedAt: described(v.string(), 'When the file was exported (ISO 8601).'),
    source: SourceSchema,
    roles: described(v.array(RoleSchema), 'Custom roles, with their descriptions.'),
    privilegeGroups: described(v.array(GroupSchema), 'Custom privilege groups.'),
    grants: described(v.array(GrantSchema), 'What each role may do, where.'),
    userRoles: described(v.array(UserRolesSchema), 'Which users hold which roles.'),
    privilegesUnknownToClient: v.optional(
      described(
        v.array(v.string()),
        'Privileges this tool does not know (a newer server\'s, e.g. "Expr" of 3.0) that grants use as they are; the server decides where they apply. Export lists them; any other unknown name is refused.',
      ),
    ),
    policy: v.optional(described(PolicySchema, 'What the RBAC health check allows (optional).')),
  }),
  v.title('Milvus Access Manager RBAC file'),
  v.description(
    'Roles, privilege groups, grants and role bindings of a Milvus server, as exported by Milvus Access Manager. Never holds a password, hash or token.',
  ),
);

export type RbacFile = v.InferOutput<typeof RbacFileSchema>;
export type RbacFileRole = v.InferOutput<typeof RoleSchema>;
export type RbacFileGroup = v.InferOutput<typeof GroupSchema>;
export type RbacFileUserRoles = v.InferOutput<typeof UserRolesSchema>;
export type RbacFileSource = v.InferOutput<typeof SourceSchema>;
export type RbacPolicy = v.InferOutput<typeof PolicySchema>;
