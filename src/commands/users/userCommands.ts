import * as vscode from 'vscode';
import { MilvusError, errorMessage, withRawText } from '../../core/errors/milvusError';
import { bindableRoles } from '../../core/access/builtIns';
import { isProtectedUser, userDropRefusal } from '../../core/access/flavor';
import { rolesDiff } from '../../core/rbac/plan';
import { CTX, ROOT_USER } from '../../tree/contextValues';
import { openUserForm } from '../../webview/userForm';
import { editDescription, type DescriptionEdit } from '../kit/descriptions';
import { existingNames } from '../kit/existingNames';
import { COMMANDS } from '../kit/ids';
import { changeMyPassword, changePassword } from './changePassword';
import { Flow } from '../kit/multiStep';
import type { ActiveConnection } from '../kit/activeConnection';
import {
  commandArgs,
  type CreateUserArgs,
  type DescriptionArgs,
  type DropUserArgs,
  type EditUserRolesArgs,
} from '../kit/args';
import { resolveActiveConnection, resolveUser } from '../kit/resolvers';
import type { CommandTable } from '../kit/registry';
import { refreshFolders } from '../kit/treeRefresh';

export interface RoleChange {
  role: string;
  action: 'add' | 'remove';
  ok: boolean;
  /** Why it failed (the server's message). */
  error?: string;
}

/** What createUser and editUserRoles resolve with: the re-read roles and every binding change, item by item. */
export interface UserRolesReport {
  user: string;
  roles: string[];
  changes: RoleChange[];
}

interface NewUser {
  username: string;
  password: string;
  description?: string;
  roles: string[];
}

/** Applies role binding changes one by one, collecting each outcome instead of stopping at the first failure. */
export async function applyRoleChanges(
  target: ActiveConnection,
  user: string,
  add: string[],
  remove: string[],
): Promise<RoleChange[]> {
  const changes: RoleChange[] = [];
  const steps = [
    ...add.map((role) => ({ role, action: 'add' as const })),
    ...remove.map((role) => ({ role, action: 'remove' as const })),
  ];
  for (const { role, action } of steps) {
    try {
      const title =
        action === 'add'
          ? vscode.l10n.t('Granting role {role} to {user}…', { role, user })
          : vscode.l10n.t('Revoking role {role} from {user}…', { role, user });
      await target.run(title, (api) => (action === 'add' ? api.grantRole(user, role) : api.revokeRole(user, role)));
      changes.push({ role, action, ok: true });
      target.log(
        `${action === 'add' ? 'Granted' : 'Revoked'} role "${role}" ${action === 'add' ? 'to' : 'from'} user "${user}".`,
      );
    } catch (error) {
      changes.push({ role, action, ok: false, error: errorMessage(error) });
      target.services.log.warn(
        `${action === 'add' ? 'Granting' : 'Revoking'} role "${role}" ${action === 'add' ? 'to' : 'from'} "${user}" failed: ${withRawText(errorMessage(error), error)} [${target.profile.name}]`,
      );
    }
  }
  return changes;
}

function summary(report: UserRolesReport): { text: string; failed: boolean } {
  const done = (action: RoleChange['action']): string[] =>
    report.changes.filter((c) => c.ok && c.action === action).map((c) => c.role);
  const failed = report.changes.filter((c) => !c.ok);
  const parts = [];
  if (done('add').length > 0) parts.push(vscode.l10n.t('added {0}', done('add').join(', ')));
  if (done('remove').length > 0) parts.push(vscode.l10n.t('removed {0}', done('remove').join(', ')));
  for (const f of failed)
    parts.push(
      f.action === 'add'
        ? vscode.l10n.t('could not add {role}: {error}', { role: f.role, error: f.error ?? '' })
        : vscode.l10n.t('could not remove {role}: {error}', { role: f.role, error: f.error ?? '' }),
    );
  const now = vscode.l10n.t('now: {0}', report.roles.join(', ') || vscode.l10n.t('no roles'));
  return {
    text: vscode.l10n.t('Roles of {user}: {changes} ({now}).', {
      user: report.user,
      changes: parts.length > 0 ? parts.join('; ') : vscode.l10n.t('no change'),
      now,
    }),
    failed: failed.length > 0,
  };
}

function show(report: UserRolesReport): void {
  const { text, failed } = summary(report);
  if (failed) void vscode.window.showWarningMessage(text);
  else void vscode.window.showInformationMessage(text);
}

async function reread(target: ActiveConnection, user: string): Promise<string[]> {
  return (await target.read((api) => api.describeUser(user)))?.roles ?? [];
}

/** CreateCredential, then one binding per role. A refused create throws (the form stays open); binding failures are reported. */
async function createOnServer(target: ActiveConnection, input: NewUser): Promise<UserRolesReport> {
  const { services } = target;
  services.log.addSecret(input.password);
  const username = input.username.trim();
  const supported = (await target.features().catch(() => undefined))?.descriptions ?? false;
  const description = supported ? input.description?.trim() || undefined : undefined;
  if (input.description?.trim() && !supported)
    services.log.warn(`This server keeps no user descriptions; the description of "${username}" was not sent.`);
  await target.run(vscode.l10n.t('Creating user {0}…', username), (api) =>
    api.createUser(username, input.password, description),
  );
  target.log(`Created user "${username}".`);
  const changes = await applyRoleChanges(target, username, [...new Set(input.roles)], []);
  refreshFolders(services, target.profile.id, CTX.usersFolder, ...(input.roles.length > 0 ? [CTX.rolesFolder] : []));
  const report = { user: username, roles: changes.length > 0 ? await reread(target, username) : [], changes };
  if (changes.some((c) => !c.ok)) show(report);
  else
    void vscode.window.showInformationMessage(
      report.roles.length > 0
        ? vscode.l10n.t('Created user {user} with roles {roles}.', { user: username, roles: report.roles.join(', ') })
        : vscode.l10n.t('Created user {0}.', username),
    );
  return report;
}

/** Opens the create-user form; resolves with the report, or undefined when the form closes without creating. */
async function openForm(target: ActiveConnection): Promise<UserRolesReport | undefined> {
  const [roles, users, features, profile] = await Promise.all([
    existingNames(target, 'roles for the create-user form', (api) => api.listRolesWithUsers()),
    existingNames(target, 'users for the create-user form', (api) => api.listUsersWithRoles()),
    target.features().catch(() => undefined),
    target.ruleProfile(),
  ]);
  return new Promise((resolve) => {
    let created: UserRolesReport | undefined;
    const panel = openUserForm(
      target.services.context,
      {
        connectionName: target.profile.name,
        profile,
        roles: bindableRoles(roles ?? []),
        users,
        descriptionSupported: features?.descriptions ?? false,
      },
      {
        create: async (input) => {
          try {
            created = await createOnServer(target, input);
          } catch (error) {
            // The form shows the sentence and keeps the input; the server's own words go to the log.
            target.services.log.warn(
              `Creating user "${input.username.trim()}" failed: ${withRawText(errorMessage(error), error)} [${target.profile.name}]`,
            );
            throw error;
          }
        },
        log: (message) => target.services.log.warn(message),
      },
    );
    panel.onDidDispose(() => resolve(created));
  });
}

export const userCommands: CommandTable = {
  [COMMANDS.createUser]: async (services, arg): Promise<UserRolesReport | undefined> => {
    const target = await resolveActiveConnection(
      services,
      arg,
      vscode.l10n.t('Select the connection to create the user on'),
    );
    const args = commandArgs<CreateUserArgs>(arg);
    if (args.username !== undefined) {
      if (args.password === undefined)
        throw new MilvusError('invalidInput', vscode.l10n.t('Enter a password for the new user.'));
      return createOnServer(target, {
        username: args.username,
        password: args.password,
        description: args.description,
        roles: args.roles ?? [],
      });
    }
    return openForm(target);
  },

  [COMMANDS.changePassword]: changePassword,

  [COMMANDS.changeMyPassword]: changeMyPassword,

  [COMMANDS.editUserDescription]: async (services, arg): Promise<DescriptionEdit> => {
    const given = commandArgs<DescriptionArgs>(arg).description;
    const flow = new Flow(vscode.l10n.t('Edit User Description'), given === undefined ? 1 : 0);
    return flow.run(async () => {
      const { target, user } = await resolveUser(services, arg, {
        title: flow.title,
        placeholder: vscode.l10n.t('Select the user whose description to edit'),
        flow,
      });
      return editDescription(
        target,
        {
          kind: 'user',
          name: user,
          feature: 'descriptions',
          read: async (api) => (await api.describeUser(user))?.description ?? '',
          write: (api, description) => api.updateUserDescription(user, description),
        },
        given,
        flow,
      );
    });
  },

  [COMMANDS.dropUser]: async (services, arg): Promise<boolean> => {
    const { target, user } = await resolveUser(services, arg, {
      title: vscode.l10n.t('Drop User'),
      placeholder: vscode.l10n.t('Select the user to drop'),
      filter: (name) => name !== ROOT_USER,
      hide: isProtectedUser,
      destructive: true,
    });
    await target.refuseIf((flavor) => userDropRefusal(flavor, user.trim()));
    if (user.trim() === ROOT_USER)
      throw new MilvusError('invalidInput', vscode.l10n.t('The root user cannot be dropped: Milvus refuses it.'));
    const args = commandArgs<DropUserArgs>(arg);
    const self = user === target.loginUser;
    if (args.confirm !== true) {
      const roles = await reread(target, user);
      const message = vscode.l10n.t('Drop the user "{user}" on "{connection}"?', {
        user,
        connection: target.profile.name,
      });
      if (roles.length > 0) {
        await services.confirmations.requireTypedName(
          message,
          vscode.l10n.t('It loses its roles ({0}) and can no longer log in. This cannot be undone.', roles.join(', ')),
          vscode.l10n.t('Drop User…'),
          {
            title: vscode.l10n.t('Drop User "{0}"', user),
            name: user,
            consequence:
              roles.length === 1
                ? vscode.l10n.t('It loses its role; this cannot be undone.')
                : vscode.l10n.t('It loses its {0} roles; this cannot be undone.', roles.length),
          },
        );
      } else {
        await services.confirmations.requireDestructive(
          message,
          vscode.l10n.t('It has no roles; it can no longer log in. This cannot be undone.'),
          vscode.l10n.t('Drop User'),
          vscode.l10n.t('Keep User'),
        );
      }
    }
    if (self && args.confirmSelf !== true) {
      await services.confirmations.requireDestructive(
        vscode.l10n.t('"{0}" is the user this connection logs in as.', user),
        vscode.l10n.t(
          'After dropping it, "{0}" is disconnected and cannot connect again with its stored password.',
          target.profile.name,
        ),
        vscode.l10n.t('Drop My Own User'),
        vscode.l10n.t('Keep My User'),
      );
    }
    await target.run(vscode.l10n.t('Dropping user {0}…', user), (api) => api.dropUser(user));
    target.log(`Dropped user "${user}".`);
    if (self) {
      await services.connections.disconnect(target.profile.id, true);
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Dropped {user}, the user "{connection}" logged in as; the connection is closed.', {
          user,
          connection: target.profile.name,
        }),
      );
    } else {
      refreshFolders(services, target.profile.id, CTX.usersFolder, CTX.rolesFolder);
      void vscode.window.showInformationMessage(vscode.l10n.t('Dropped user {0}.', user));
    }
    return true;
  },

  [COMMANDS.editUserRoles]: async (services, arg): Promise<UserRolesReport> => {
    const args = commandArgs<EditUserRolesArgs>(arg);
    const flow = new Flow(vscode.l10n.t('Edit Roles'), args.roles ? 0 : 1);
    const { target, user, current, wanted } = await flow.run(async () => {
      const { target, user } = await resolveUser(services, arg, {
        title: flow.title,
        placeholder: vscode.l10n.t('Select the user whose roles to edit'),
        flow,
      });
      const current = await reread(target, user);
      const wanted =
        args.roles ??
        (await flow.pickMany({
          placeholder: vscode.l10n.t('Roles of {0} (checked = bound)', user),
          items: async () =>
            bindableRoles(
              (await target.read((api) => api.listRolesWithUsers())).map((r) => r.name),
              current,
            )
              .sort()
              .map((role) => ({ label: role, picked: current.includes(role), value: role })),
        }));
      return { target, user, current, wanted };
    });
    const diff = rolesDiff(current, wanted);
    const changes = await applyRoleChanges(target, user, diff.add, diff.remove);
    const report = { user, roles: await reread(target, user), changes };
    if (changes.length > 0) refreshFolders(services, target.profile.id, CTX.usersFolder, CTX.rolesFolder);
    target.log(summary(report).text);
    show(report);
    return report;
  },
};
