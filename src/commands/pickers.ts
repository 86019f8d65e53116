// QuickPick and InputBox helpers. Each one throws Cancelled when dismissed, so a command simply ends.
import * as vscode from 'vscode';
import { memberSummary, rolesSummary } from '../core/accessLabels';
import { MilvusError } from '../core/errors';
import { grantScope, targetScope } from '../core/grantScope';
import { groupsForLevel, LEGACY_GROUPS, levelOf, privilegesForLevel } from '../core/privileges';
import { checkDatabaseName } from '../core/rules';
import type { Grant, PrivilegeGroup, PrivilegeLevel } from '../core/types';
import { Cancelled } from './registry';
import type { Target } from './rbacTargets';

type Item<T> = vscode.QuickPickItem & { value?: T };

const ALL = '*';

function separator<T>(label: string): Item<T> {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}

/** One item (a promise of items shows the picker's busy state while the list loads). */
export async function pickOne<T>(items: Item<T>[] | Promise<Item<T>[]>, placeHolder: string): Promise<T> {
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  if (!picked || picked.value === undefined) throw new Cancelled();
  return picked.value;
}

/** Several items; items with `picked: true` start checked. */
export async function pickMany<T>(items: Item<T>[] | Promise<Item<T>[]>, placeHolder: string): Promise<T[]> {
  const picked = await vscode.window.showQuickPick(items, { placeHolder, canPickMany: true, matchOnDescription: true, ignoreFocusOut: true });
  if (!picked) throw new Cancelled();
  return picked.map((item) => item.value).filter((value): value is T => value !== undefined);
}

export async function inputText(options: vscode.InputBoxOptions): Promise<string> {
  const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  if (value === undefined) throw new Cancelled();
  return value;
}

/** Fails with a clear message instead of showing an empty picker. */
function nonEmpty<T>(items: Item<T>[], what: string): Item<T>[] {
  if (items.every((item) => item.kind === vscode.QuickPickItemKind.Separator)) throw new MilvusError('invalidInput', `There is no ${what} to choose from.`);
  return items;
}

export function pickUser(target: Target, placeHolder: string, filter: (user: string) => boolean = () => true): Promise<string> {
  const items = target.read(async (api) => {
    const users = (await api.listUsersWithRoles()).filter((u) => filter(u.name)).sort((a, b) => a.name.localeCompare(b.name));
    return nonEmpty(
      users.map((u) => ({ label: u.name, description: rolesSummary(u), detail: u.description, value: u.name })),
      'user',
    );
  });
  return pickOne(items, placeHolder);
}

export function pickRole(target: Target, placeHolder: string, filter: (role: string) => boolean = () => true): Promise<string> {
  const items = target.read(async (api) => {
    const roles = (await api.listRolesWithUsers()).filter((r) => filter(r.name)).sort((a, b) => a.name.localeCompare(b.name));
    return nonEmpty(
      roles.map((r) => ({ label: r.name, description: memberSummary(r), detail: r.description, value: r.name })),
      'role',
    );
  });
  return pickOne(items, placeHolder);
}

export function pickCustomGroup(target: Target, placeHolder: string): Promise<string> {
  const items = target.read(async (api) => {
    const groups = (await api.listPrivilegeGroups()).filter((g) => !g.builtIn);
    return nonEmpty(groups.map((g) => ({ label: g.name, description: g.privileges.join(', ') || 'empty', value: g.name })), 'custom privilege group');
  });
  return pickOne(items, placeHolder);
}

const LEVELS: { level: PrivilegeLevel; detail: string }[] = [
  { level: 'Cluster', detail: 'The whole instance: databases, users, resource groups… (database and collection are *)' },
  { level: 'Database', detail: 'One database or all (*): create/drop collections, describe the database…' },
  { level: 'Collection', detail: 'One collection or all in a database: search, query, insert, indexes…' },
];

export function pickLevel(): Promise<PrivilegeLevel> {
  return pickOne(LEVELS.map(({ level, detail }) => ({ label: level, detail, value: level })), 'Select the level of the privilege');
}

async function enterName(prompt: string, check: (name: string) => string | undefined): Promise<string> {
  return inputText({ prompt, validateInput: (value) => check(value) });
}

/** A database from the server's list, `*` for all (when allowed), or a name typed in. */
export function pickDatabase(target: Target, allowAll: boolean): Promise<string> {
  const OTHER = '\0other';
  const items = target.read(async (api): Promise<Item<string>[]> => {
    const names = await api.listDatabases().catch(() => [] as string[]);
    return [
      ...(allowAll ? [{ label: ALL, description: 'all databases', value: ALL }] : []),
      ...names.map((name) => ({ label: name, value: name })),
      { label: 'Other database…', description: names.length === 0 ? 'the database list is not visible to this user' : undefined, value: OTHER },
    ];
  });
  return pickOne(items, 'Select the database').then((db) =>
    db === OTHER ? enterName('Database name', (name) => checkDatabaseName(name)?.message) : db,
  );
}

/** A collection of `db` from the server's list, `*` for all, or a name typed in. */
export function pickCollection(target: Target, db: string): Promise<string> {
  if (db === ALL) return Promise.resolve(ALL);
  const OTHER = '\0other';
  const items = target.read(async (api): Promise<Item<string>[]> => {
    const names = await api.listCollections(db).catch(() => [] as string[]);
    return [
      { label: ALL, description: `all collections in ${db}`, value: ALL },
      ...names.map((name) => ({ label: name, value: name })),
      { label: 'Other collection…', value: OTHER },
    ];
  });
  return pickOne(items, `Select the collection in ${db}`).then((c) =>
    c === OTHER ? enterName('Collection name', (name) => (name.trim() === '' ? 'Enter a collection name.' : undefined)) : c,
  );
}

/** The level of a custom group, from its privileges (Milvus keeps a group to one level); undefined when empty. */
export function customGroupLevel(group: PrivilegeGroup): PrivilegeLevel | undefined {
  return group.privileges.map(levelOf).find((level) => level !== undefined);
}

/**
 * A privilege or privilege group valid at `level` on this server: built-in and custom groups only where the server
 * has privilege groups and the V2 grant API; with only the V1 API, the privileges it accepts plus the legacy groups.
 */
export async function pickPrivilege(target: Target, level: PrivilegeLevel): Promise<string> {
  const items = (async (): Promise<Item<string>[]> => {
    const features = await target.features();
    const items: Item<string>[] = [];
    if (features.grantV2 && features.privilegeGroups) {
      const custom = (await target.read((api) => api.listPrivilegeGroups())).filter((g) => !g.builtIn);
      const fitting = custom.filter((g) => (customGroupLevel(g) ?? level) === level);
      if (fitting.length > 0) items.push(separator('Custom privilege groups'), ...fitting.map((g) => ({ label: g.name, description: g.privileges.join(', '), value: g.name })));
      items.push(separator('Built-in privilege groups'), ...groupsForLevel(level).map((g) => ({ label: g.name, description: `${g.privileges.length} privileges`, value: g.name })));
    } else {
      const legacy = LEGACY_GROUPS.filter((g) => g.level === level);
      if (legacy.length > 0) items.push(separator('Privilege groups'), ...legacy.map((g) => ({ label: g.name, description: `${g.privileges.length} privileges`, value: g.name })));
    }
    const privileges = privilegesForLevel(level).filter((p) => features.grantV2 || p.v1Grantable);
    items.push(separator('Privileges'), ...privileges.map((p) => ({ label: p.name, value: p.name })));
    return items;
  })();
  return pickOne(items, `Select the ${level.toLowerCase()}-level privilege or group to grant`);
}

/** Privileges to add to a group, all of one level (Milvus refuses mixed levels since 2.5.3). */
export async function pickPrivilegesToAdd(group: PrivilegeGroup): Promise<string[]> {
  const level = customGroupLevel(group) ?? (await pickLevel());
  const have = new Set(group.privileges);
  const items = privilegesForLevel(level)
    .filter((p) => !have.has(p.name))
    .map((p) => ({ label: p.name, value: p.name }));
  const picked = await pickMany(nonEmpty(items, `${level.toLowerCase()}-level privilege left to add`), `Select the ${level.toLowerCase()}-level privileges to add to ${group.name}`);
  if (picked.length === 0) throw new Cancelled();
  return picked;
}

export async function pickPrivilegesToRemove(group: PrivilegeGroup): Promise<string[]> {
  const items = nonEmpty(group.privileges.map((p) => ({ label: p, value: p })), `privilege in ${group.name}`);
  const picked = await pickMany(items, `Select the privileges to remove from ${group.name}`);
  if (picked.length === 0) throw new Cancelled();
  return picked;
}

/** `Query on collection default.books`: a listed grant's scope, or (no objectType) the scope a V2 grant of it gets. */
export function describeGrant(g: Pick<Grant, 'privilege' | 'dbName' | 'objectName'> & { objectType?: Grant['objectType'] }): string {
  return `${g.privilege} on ${(g.objectType ? grantScope({ ...g, objectType: g.objectType }) : targetScope({ role: '', privilege: g.privilege, dbName: g.dbName, collectionName: g.objectName })).label}`;
}

export function pickGrant(target: Target, role: string): Promise<Grant> {
  const items = target.read(async (api) =>
    nonEmpty(
      (await api.listGrants(role)).map((g) => ({ label: g.privilege, description: grantScope(g).label, detail: g.grantor ? `granted by ${g.grantor}` : undefined, value: g })),
      `grant of ${role}`,
    ),
  );
  return pickOne(items, `Select the grant to revoke from ${role}`);
}
