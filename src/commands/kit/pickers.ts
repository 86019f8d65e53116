// QuickPick and InputBox helpers. Each one throws Cancelled when dismissed, so a command simply ends.
import * as vscode from 'vscode';
import { memberSummary, rolesSummary } from '../../core/access/labels';
import { MilvusError } from '../../core/errors/milvusError';
import { grantScope, grantSpecScope } from '../../core/access/grantScope';
import {
  BUILT_IN_GROUPS,
  groupsForLevel,
  LEGACY_GROUPS,
  levelOf,
  PRIVILEGES,
  privilegesForLevel,
} from '../../core/access/privileges';
import { checkCollectionName, checkDatabaseName, type RuleViolation } from '../../core/rules/checks';
import type { Flavor, Grant, PrivilegeGroup, PrivilegeLevel } from '../../core/types';
import { Flow, type Item, type Items } from './multiStep';
import { Cancelled } from './cancelled';
import type { ActiveConnection } from './activeConnection';

const ALL = '*';

function separator<T>(label: string): Item<T> {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}

function loader<T>(items: Item<T>[] | Promise<Item<T>[]>): Items<T> {
  return Array.isArray(items) ? items : () => items;
}

/** One item, outside a multi-step flow (a promise of items shows the picker's busy state while the list loads). */
export function pickOne<T>(items: Item<T>[] | Promise<Item<T>[]>, placeHolder: string): Promise<T> {
  return new Flow(undefined).pick({ placeholder: placeHolder, items: loader(items), matchOnDescription: true });
}

/** Several items, outside a multi-step flow; items with `picked: true` start checked. */
export function pickMany<T>(items: Item<T>[] | Promise<Item<T>[]>, placeHolder: string): Promise<T[]> {
  return new Flow(undefined).pickMany({ placeholder: placeHolder, items: loader(items), matchOnDescription: true });
}

export async function inputText(options: vscode.InputBoxOptions): Promise<string> {
  const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  if (value === undefined) throw new Cancelled();
  return value;
}

/** A step that picks a user, role or group by name. */
export interface NamePick {
  flow: Flow;
  /** What the step asks, e.g. "Select the role to drop". */
  placeholder: string;
  filter?: (name: string) => boolean;
  /** Names this connection's flavour never offers here (e.g. Zilliz Cloud's db_admin for Drop User). */
  hide?: (flavor: Flavor, name: string) => boolean;
  /** For a destructive command: what is typed matches the name only, never the description. */
  destructive?: boolean;
}

/** Fails with a clear message (`none`: "There is no … to choose from.") instead of showing an empty picker. */
function nonEmpty<T>(items: Item<T>[], none: string): Item<T>[] {
  if (items.every((item) => item.kind === vscode.QuickPickItemKind.Separator))
    throw new MilvusError('invalidInput', none);
  return items;
}

function pickName(how: NamePick, none: string, load: () => Promise<Item<string>[]>): Promise<string> {
  const filter = how.filter ?? ((): boolean => true);
  return how.flow.pick({
    placeholder: how.placeholder,
    items: async () =>
      nonEmpty(
        (await load()).filter((item) => filter(item.label)).sort((a, b) => a.label.localeCompare(b.label)),
        none,
      ),
    matchOnDescription: how.destructive !== true,
  });
}

export function pickUser(target: ActiveConnection, how: NamePick): Promise<string> {
  return pickName(how, vscode.l10n.t('There is no user to choose from.'), () =>
    target.read(async (api) =>
      (await api.listUsersWithRoles())
        .filter((u) => !how.hide?.(api.info.flavor, u.name))
        .map((u) => ({
          label: u.name,
          description: rolesSummary(u),
          detail: u.description,
          value: u.name,
        })),
    ),
  );
}

export function pickRole(target: ActiveConnection, how: NamePick): Promise<string> {
  return pickName(how, vscode.l10n.t('There is no role to choose from.'), () =>
    target.read(async (api) =>
      (await api.listRolesWithUsers())
        .filter((r) => !how.hide?.(api.info.flavor, r.name))
        .map((r) => ({
          label: r.name,
          description: memberSummary(r),
          detail: r.description,
          value: r.name,
        })),
    ),
  );
}

export function pickCustomGroup(target: ActiveConnection, how: NamePick): Promise<string> {
  return pickName(how, vscode.l10n.t('There is no custom privilege group to choose from.'), () =>
    target.read(async (api) =>
      (await api.listPrivilegeGroups())
        .filter((g) => !g.builtIn)
        .map((g) => ({ label: g.name, description: g.privileges.join(', ') || vscode.l10n.t('empty'), value: g.name })),
    ),
  );
}

const LEVELS = (): { level: PrivilegeLevel; label: string; detail: string }[] => [
  {
    level: 'Cluster',
    label: vscode.l10n.t('Cluster'),
    detail: vscode.l10n.t('The whole instance: databases, users, resource groups… (database and collection are *)'),
  },
  {
    level: 'Database',
    label: vscode.l10n.t('Database'),
    detail: vscode.l10n.t('One database or all (*): create/drop collections, describe the database…'),
  },
  {
    level: 'Collection',
    label: vscode.l10n.t('Collection'),
    detail: vscode.l10n.t('One collection or all in a database: search, query, insert, indexes…'),
  },
];

/** The level as a lower-case word inside a sentence ("Select the cluster-level privileges…"). */
function levelWord(level: PrivilegeLevel): string {
  return level === 'Cluster'
    ? vscode.l10n.t('cluster')
    : level === 'Database'
      ? vscode.l10n.t('database')
      : vscode.l10n.t('collection');
}

export function pickLevel(flow: Flow): Promise<PrivilegeLevel> {
  return flow.pick({
    placeholder: vscode.l10n.t('Select the level of the privilege'),
    items: LEVELS().map(({ level, label, detail }) => ({ label, detail, value: level })),
  });
}

/** "Other…" chosen: an InputBox for the name, as part of the same step. */
function enterName(flow: Flow, prompt: string, check: (name: string) => string | undefined): Promise<string> {
  return flow.input({ prompt, validate: check, sameStep: true });
}

/**
 * The item for a name typed into the filter that no listed name matches (§5.4: a user's lists show only what its
 * grants name): "Use “x”", or, for a name the rule refuses, its message on an item that cannot be chosen.
 */
function typedName(
  check: (name: string) => RuleViolation | undefined,
  other: string,
  note: string = vscode.l10n.t('not listed'),
): (text: string, items: readonly Item<string>[]) => Item<string> | undefined {
  return (text, items) => {
    const wanted = text.trim().toLowerCase();
    if (wanted === '') return undefined;
    const listed = items.some(
      (item) => item.value !== undefined && item.value !== other && item.label.toLowerCase().includes(wanted),
    );
    if (listed) return undefined;
    const problem = check(text);
    return problem
      ? { label: `$(error) ${vscode.l10n.t('Cannot use “{0}”', text)}`, detail: problem.message, alwaysShow: true }
      : {
          label: vscode.l10n.t('Use “{0}”', text),
          description: note,
          value: text,
          alwaysShow: true,
        };
  };
}

const KNOWN_NAMES = new Set(
  [...PRIVILEGES, ...BUILT_IN_GROUPS, ...LEGACY_GROUPS].map((p) => p.name.toLowerCase()).concat('*', 'all'),
);

/** Is it a privilege or group name the catalogue has, whatever its case? */
function isKnownName(name: string): boolean {
  return KNOWN_NAMES.has(name.toLowerCase());
}

/** A database from the server's list, `*` for all (when allowed), or a name typed in. */
export async function pickDatabase(flow: Flow, target: ActiveConnection, allowAll: boolean): Promise<string> {
  const OTHER = '\0other';
  const items = (): Promise<Item<string>[]> =>
    target.read(async (api): Promise<Item<string>[]> => {
      const names = await api.listDatabases().catch(() => [] as string[]);
      return [
        ...(allowAll ? [{ label: ALL, description: vscode.l10n.t('all databases'), value: ALL }] : []),
        ...names.map((name) => ({ label: name, value: name })),
        {
          label: vscode.l10n.t('Other database…'),
          description: names.length === 0 ? vscode.l10n.t('the database list is not visible to this user') : undefined,
          value: OTHER,
        },
      ];
    });
  const db = await flow.pick({
    placeholder: vscode.l10n.t('Select the database'),
    items,
    typed: typedName(checkDatabaseName, OTHER),
  });
  return db === OTHER
    ? enterName(flow, vscode.l10n.t('Database name'), (name) => checkDatabaseName(name)?.message)
    : db;
}

/** A collection of `db` from the server's list, `*` for all, or a name typed in. */
export async function pickCollection(flow: Flow, target: ActiveConnection, db: string): Promise<string> {
  if (db === ALL) {
    flow.skip();
    return ALL;
  }
  const OTHER = '\0other';
  const items = (): Promise<Item<string>[]> =>
    target.read(async (api): Promise<Item<string>[]> => {
      const names = await api.listCollections(db).catch(() => [] as string[]);
      return [
        { label: ALL, description: vscode.l10n.t('all collections in {0}', db), value: ALL },
        ...names.map((name) => ({ label: name, value: name })),
        {
          label: vscode.l10n.t('Other collection…'),
          // §5.4: a user sees only the collections its grants name; another one can still be typed in.
          description:
            names.length === 0 ? vscode.l10n.t('the collection list is not visible to this user') : undefined,
          value: OTHER,
        },
      ];
    });
  const collection = await flow.pick({
    placeholder: vscode.l10n.t('Select the collection in {0}', db),
    items,
    typed: typedName(checkCollectionName, OTHER),
  });
  return collection === OTHER
    ? enterName(flow, vscode.l10n.t('Collection name'), (name) => checkCollectionName(name)?.message)
    : collection;
}

/** The level of a custom group, from its privileges (Milvus keeps a group to one level); undefined when empty. */
export function customGroupLevel(group: PrivilegeGroup): PrivilegeLevel | undefined {
  return group.privileges.map(levelOf).find((level) => level !== undefined);
}

/**
 * Privileges and privilege groups valid at `level` on this server, several at once: built-in and custom groups only
 * where the server has privilege groups and the V2 grant API; with only the V1 API, the privileges it accepts plus the
 * legacy groups. Enter with nothing checked takes the highlighted one.
 */
function builtInGroupItems(level: PrivilegeLevel): Item<string>[] {
  return [
    separator(vscode.l10n.t('Built-in privilege groups')),
    ...groupsForLevel(level).map((g) => ({
      label: g.name,
      description: vscode.l10n.t('{0} privileges', g.privileges.length),
      value: g.name,
    })),
  ];
}

export async function pickPrivileges(flow: Flow, target: ActiveConnection, level: PrivilegeLevel): Promise<string[]> {
  // §10 Z6: a Dedicated cluster takes built-in groups only; nothing else is offered, nor typed.
  const dedicated = (await target.flavor()) === 'zilliz-dedicated';
  const items = async (): Promise<Item<string>[]> => {
    const features = await target.features();
    const version = await serverVersion(target);
    const items: Item<string>[] = [];
    if (dedicated) return builtInGroupItems(level);
    if (features.grantV2 && features.privilegeGroups) {
      const custom = (await target.read((api) => api.listPrivilegeGroups())).filter((g) => !g.builtIn);
      const fitting = custom.filter((g) => (customGroupLevel(g) ?? level) === level);
      if (fitting.length > 0)
        items.push(
          separator(vscode.l10n.t('Custom privilege groups')),
          ...fitting.map((g) => ({ label: g.name, description: g.privileges.join(', '), value: g.name })),
        );
      items.push(...builtInGroupItems(level));
    } else {
      const legacy = LEGACY_GROUPS.filter((g) => g.level === level);
      if (legacy.length > 0)
        items.push(
          separator(vscode.l10n.t('Privilege groups')),
          ...legacy.map((g) => ({
            label: g.name,
            description: vscode.l10n.t('{0} privileges', g.privileges.length),
            value: g.name,
          })),
        );
    }
    const privileges = privilegesForLevel(level, version).filter((p) => features.grantV2 || p.v1Grantable);
    items.push(separator(vscode.l10n.t('Privileges')), ...privileges.map((p) => ({ label: p.name, value: p.name })));
    return items;
  };
  const unknownTyped = typedName(
    () => undefined,
    '',
    vscode.l10n.t('a name this extension does not know: the server decides whether it is a privilege'),
  );
  return flow.pickMany({
    placeholder: vscode.l10n.t('Select the {0}-level privileges or groups to grant', levelWord(level)),
    items,
    highlightedIfNone: true,
    // A privilege of a newer Milvus (or a build's own, such as Expr) that this catalogue lacks: sent as typed. A name
    // the catalogue knows (in any case) is never offered this way: at another level it is simply not valid here.
    typed: dedicated ? undefined : (text, shown) => (isKnownName(text.trim()) ? undefined : unknownTyped(text, shown)),
  });
}

/** The release the server reports (GetVersion), for the privileges only newer releases know; undefined if unread. */
export function serverVersion(target: ActiveConnection): Promise<string | undefined> {
  return target.read(async (api) => api.info.version).catch(() => undefined);
}

/**
 * Privileges to add to a group, all of one level (Milvus refuses mixed levels since 2.5.3): two steps of `flow`, the
 * level (skipped when the group has one) and the privileges. Nothing checked cancels, unless `noneIsFine`. With the
 * server's version, only the privileges that release knows.
 */
export async function pickPrivilegesToAdd(
  group: PrivilegeGroup,
  flow = new Flow(undefined),
  noneIsFine = false,
  version?: string,
): Promise<string[]> {
  const known = customGroupLevel(group);
  if (known) flow.skip();
  const level = known ?? (await pickLevel(flow));
  const have = new Set(group.privileges);
  const items = privilegesForLevel(level, version)
    .filter((p) => !have.has(p.name))
    .map((p) => ({ label: p.name, value: p.name }));
  const picked = await flow.pickMany({
    placeholder: vscode.l10n.t('Select the {level}-level privileges to add to {group}', {
      level: levelWord(level),
      group: group.name,
    }),
    items: nonEmpty(items, vscode.l10n.t('There is no {0}-level privilege left to add.', levelWord(level))),
    matchOnDescription: true,
  });
  if (picked.length === 0 && !noneIsFine) throw new Cancelled();
  return picked;
}

/** The privileges to remove from a group: one step of `flow`. */
export async function pickPrivilegesToRemove(group: PrivilegeGroup, flow = new Flow(undefined)): Promise<string[]> {
  const items = nonEmpty(
    group.privileges.map((p) => ({ label: p, value: p })),
    vscode.l10n.t('There is no privilege in {0} to choose from.', group.name),
  );
  const picked = await flow.pickMany({
    placeholder: vscode.l10n.t('Select the privileges to remove from {0}', group.name),
    items,
    matchOnDescription: true,
  });
  if (picked.length === 0) throw new Cancelled();
  return picked;
}

/** `Query on collection default.books`: a listed grant's scope, or (no objectType) the scope a V2 grant of it gets. */
export function describeGrant(
  g: Pick<Grant, 'privilege' | 'dbName' | 'objectName'> & { objectType?: Grant['objectType'] },
): string {
  const scope = g.objectType
    ? grantScope({ ...g, objectType: g.objectType })
    : grantSpecScope({ role: '', privilege: g.privilege, dbName: g.dbName, collectionName: g.objectName });
  return vscode.l10n.t('{privilege} on {scope}', { privilege: g.privilege, scope: scope.label });
}

/** For Revoke (destructive): what is typed matches the privilege name only. */
export function pickGrant(flow: Flow, target: ActiveConnection, role: string): Promise<Grant> {
  const items = (): Promise<Item<Grant>[]> =>
    target.read(async (api) =>
      nonEmpty(
        (await api.listGrants(role)).map((g) => ({
          label: g.privilege,
          description: grantScope(g).label,
          detail: g.grantor ? vscode.l10n.t('granted by {0}', g.grantor) : undefined,
          value: g,
        })),
        vscode.l10n.t('{0} has no grant to choose from.', role),
      ),
    );
  return flow.pick({ placeholder: vscode.l10n.t('Select the grant to revoke from {0}', role), items });
}
