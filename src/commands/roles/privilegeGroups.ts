import * as vscode from 'vscode';
import { MilvusError } from '../../core/errors/milvusError';
import { takenNameMessage } from '../../core/rules/newNames';
import { checkNewPrivilegeGroupName, isBuiltInGroup } from '../../core/access/privileges';
import { privilegesDiff } from '../../core/rbac/plan';
import { refusedAsInUse } from '../../core/errors/serverRefusals';
import type { Grant, PrivilegeGroup } from '../../core/types';
import { CTX } from '../../tree/contextValues';
import { existingNames } from '../kit/existingNames';
import { COMMANDS } from '../kit/ids';
import { describeGrant, pickPrivilegesToAdd, pickPrivilegesToRemove, serverVersion } from '../kit/pickers';
import { Flow } from '../kit/multiStep';
import { connectionGiven } from '../kit/connectionArgs';
import { PrivilegeNode } from '../../tree/nodes/privilegeGroupNode';
import type { ActiveConnection } from '../kit/activeConnection';
import { commandArgs, type GroupArgs } from '../kit/args';
import { resolveGroup, resolveActiveConnection } from '../kit/resolvers';
import type { CommandTable } from '../kit/registry';
import { refreshFolders } from '../kit/treeRefresh';

function builtInRefusal(name: string): string {
  return vscode.l10n.t('"{0}" is a built-in privilege group and cannot be changed.', name);
}

async function findGroup(target: ActiveConnection, name: string): Promise<PrivilegeGroup> {
  if (isBuiltInGroup(name)) throw new MilvusError('invalidInput', builtInRefusal(name));
  const group = (await target.read((api) => api.listPrivilegeGroups())).find((g) => g.name === name);
  if (!group)
    throw new MilvusError(
      'invalidInput',
      vscode.l10n.t('There is no privilege group named "{name}" on "{connection}".', {
        name,
        connection: target.profile.name,
      }),
    );
  if (group.builtIn) throw new MilvusError('invalidInput', builtInRefusal(name));
  return group;
}

/** Every grant of the group, by role: one SelectRole plus one SelectGrant per role (only after a refusal). */
async function grantsOfGroup(target: ActiveConnection, group: string): Promise<Grant[]> {
  return target.read(async (api) => {
    const roles = await api.listRolesWithUsers();
    const lists = await Promise.all(roles.map((r) => api.listGrants(r.name).catch(() => [] as Grant[])));
    return lists.flat().filter((g) => g.privilege === group);
  });
}

async function changeGroup(
  target: ActiveConnection,
  group: PrivilegeGroup,
  add: string[],
  remove: string[],
): Promise<PrivilegeGroup> {
  if (add.length > 0)
    await target.run(
      add.length === 1
        ? vscode.l10n.t('Adding 1 privilege to {0}…', group.name)
        : vscode.l10n.t('Adding {count} privileges to {group}…', { count: add.length, group: group.name }),
      (api) => api.addPrivilegesToGroup(group.name, add),
    );
  if (remove.length > 0)
    await target.run(
      remove.length === 1
        ? vscode.l10n.t('Removing 1 privilege from {0}…', group.name)
        : vscode.l10n.t('Removing {count} privileges from {group}…', { count: remove.length, group: group.name }),
      (api) => api.removePrivilegesFromGroup(group.name, remove),
    );
  const after = (await target.read((api) => api.listPrivilegeGroups())).find((g) => g.name === group.name) ?? {
    ...group,
    privileges: [],
  };
  const parts = [
    ...(add.length > 0 ? [vscode.l10n.t('added {0}', add.join(', '))] : []),
    ...(remove.length > 0 ? [vscode.l10n.t('removed {0}', remove.join(', '))] : []),
  ];
  const text = vscode.l10n.t('Privilege group {group}: {changes} (now: {privileges}).', {
    group: group.name,
    changes: parts.join('; ') || vscode.l10n.t('no change'),
    privileges: after.privileges.join(', ') || vscode.l10n.t('empty'),
  });
  target.log(text);
  refreshFolders(target.services, target.profile.id, CTX.privilegeGroupsFolder);
  void vscode.window.showInformationMessage(text);
  return after;
}

export const privilegeGroupCommands: CommandTable = {
  [COMMANDS.createPrivilegeGroup]: async (services, arg): Promise<PrivilegeGroup> => {
    const args = commandArgs<GroupArgs>(arg);
    const asking = args.group === undefined;
    // The connection, the name, the level and the privileges (OK with none checked creates an empty group).
    const flow = new Flow(
      vscode.l10n.t('Create Privilege Group'),
      (connectionGiven(arg) ? 0 : 1) + (asking ? 1 : 0) + (asking && args.privileges === undefined ? 2 : 0),
    );
    const { target, name, privileges } = await flow.run(async () => {
      const target = await resolveActiveConnection(
        services,
        arg,
        vscode.l10n.t('Select the connection to create the privilege group on'),
        flow,
      );
      await target.requireFeature('privilegeGroups', vscode.l10n.t('privilege groups'));
      const [profile, existing] = await Promise.all([
        target.ruleProfile(),
        asking ? existingNames(target, 'privilege groups', (api) => api.listPrivilegeGroups()) : undefined,
      ]);
      const problem = (value: string): string | undefined =>
        checkNewPrivilegeGroupName(value, profile)?.message ?? takenNameMessage('privilege group', value, existing);
      const name =
        args.group ??
        (await flow.input({ prompt: vscode.l10n.t('Name of the new privilege group'), validate: problem }));
      const violation = problem(name);
      if (violation) throw new MilvusError('invalidInput', violation);
      const privileges =
        args.privileges ??
        (asking
          ? await pickPrivilegesToAdd({ name, privileges: [], builtIn: false }, flow, true, await serverVersion(target))
          : undefined);
      return { target, name, privileges };
    });
    await target.run(vscode.l10n.t('Creating privilege group {0}…', name), (api) => api.createPrivilegeGroup(name));
    target.log(`Created privilege group "${name}".`);
    const created: PrivilegeGroup = { name, privileges: [], builtIn: false };
    if (privileges && privileges.length > 0) return changeGroup(target, created, [...new Set(privileges)], []);
    refreshFolders(services, target.profile.id, CTX.privilegeGroupsFolder);
    void vscode.window.showInformationMessage(vscode.l10n.t('Created privilege group {0}.', name));
    return created;
  },

  [COMMANDS.addPrivilegesToGroup]: async (services, arg): Promise<PrivilegeGroup> => {
    const given = commandArgs<GroupArgs>(arg).privileges;
    // After the group: its level (skipped when it has one) and the privileges.
    const flow = new Flow(vscode.l10n.t('Add Privileges to Group'), given === undefined ? 2 : 0);
    return flow.run(async () => {
      const { target, group: name } = await resolveGroup(services, arg, {
        title: flow.title,
        placeholder: vscode.l10n.t('Select the privilege group to add privileges to'),
        flow,
      });
      const group = await findGroup(target, name);
      const wanted = given ?? (await pickPrivilegesToAdd(group, flow, false, await serverVersion(target)));
      const { add } = privilegesDiff(group.privileges, [...group.privileges, ...wanted]);
      return changeGroup(target, group, add, []);
    });
  },

  [COMMANDS.removePrivilegesFromGroup]: async (services, arg): Promise<PrivilegeGroup> => {
    const given = commandArgs<GroupArgs>(arg).privileges;
    const fromNode = arg instanceof PrivilegeNode;
    const flow = new Flow(vscode.l10n.t('Remove Privileges from Group'), given === undefined && !fromNode ? 1 : 0);
    return flow.run(async () => {
      const {
        target,
        group: name,
        privilege,
      } = await resolveGroup(services, arg, {
        title: flow.title,
        placeholder: vscode.l10n.t('Select the privilege group to remove privileges from'),
        destructive: true,
        flow,
      });
      const group = await findGroup(target, name);
      const unwanted = given ?? (privilege ? [privilege] : await pickPrivilegesToRemove(group, flow));
      const { remove } = privilegesDiff(
        group.privileges,
        group.privileges.filter((p) => !unwanted.includes(p)),
      );
      return changeGroup(target, group, [], remove);
    });
  },

  [COMMANDS.dropPrivilegeGroup]: async (services, arg): Promise<boolean> => {
    const { target, group: name } = await resolveGroup(services, arg, {
      title: vscode.l10n.t('Drop Privilege Group'),
      placeholder: vscode.l10n.t('Select the privilege group to drop'),
      destructive: true,
    });
    const group = await findGroup(target, name);
    if (commandArgs<GroupArgs>(arg).confirm !== true) {
      await services.confirmations.requireDestructive(
        vscode.l10n.t('Drop the privilege group "{name}" on "{connection}"?', {
          name,
          connection: target.profile.name,
        }),
        group.privileges.length === 0
          ? vscode.l10n.t('It holds 0 privileges. This cannot be undone.')
          : group.privileges.length === 1
            ? vscode.l10n.t('It holds 1 privilege ({0}). This cannot be undone.', group.privileges.join(', '))
            : vscode.l10n.t('It holds {count} privileges ({privileges}). This cannot be undone.', {
                count: group.privileges.length,
                privileges: group.privileges.join(', '),
              }),
        vscode.l10n.t('Drop Group'),
        vscode.l10n.t('Keep Group'),
      );
    }
    try {
      await target.run(vscode.l10n.t('Dropping privilege group {0}…', name), (api) => api.dropPrivilegeGroup(name));
    } catch (error) {
      if (!refusedAsInUse(error)) throw error;
      const grants = await grantsOfGroup(target, name).catch(() => [] as Grant[]);
      const server = error instanceof MilvusError ? error.details.serverMessage : undefined;
      const byRole =
        grants.length > 0
          ? grants
              .map((g) => vscode.l10n.t('role {role} ({grant})', { role: g.role, grant: describeGrant(g) }))
              .join('; ')
          : vscode.l10n.t('role {0}', /role \[([^\]]+)\]/.exec(server ?? '')?.[1] ?? vscode.l10n.t('(unknown)'));
      throw new MilvusError(
        'server',
        vscode.l10n.t(
          'Privilege group {name} is still granted to {roles}. Revoke it there first, then drop the group.',
          {
            name,
            roles: byRole,
          },
        ),
        error instanceof MilvusError ? error.details : {},
      );
    }
    target.log(`Dropped privilege group "${name}".`);
    refreshFolders(services, target.profile.id, CTX.privilegeGroupsFolder);
    void vscode.window.showInformationMessage(vscode.l10n.t('Dropped privilege group {0}.', name));
    return true;
  },
};
