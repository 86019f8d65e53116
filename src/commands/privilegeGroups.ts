import * as vscode from 'vscode';
import { MilvusError } from '../core/errors';
import { takenNameMessage } from '../core/newNames';
import { checkNewPrivilegeGroupName, isBuiltInGroup } from '../core/privileges';
import { privilegesDiff } from '../core/rbacPlan';
import { refusedAsInUse } from '../core/serverRefusals';
import type { Grant, PrivilegeGroup } from '../core/types';
import { CTX } from '../tree/contextValues';
import { existingNames } from './existingNames';
import { COMMANDS } from './ids';
import { describeGrant, inputText, pickPrivilegesToAdd, pickPrivilegesToRemove } from './pickers';
import type { ActiveConnection } from './activeConnection';
import { commandArgs, type GroupArgs } from './commandArgs';
import { resolveGroup, resolveActiveConnection } from './resolvers';
import { Cancelled } from './cancelled';
import type { CommandTable } from './registry';
import { refreshFolders } from './treeRefresh';

async function findGroup(target: ActiveConnection, name: string): Promise<PrivilegeGroup> {
  if (isBuiltInGroup(name))
    throw new MilvusError('invalidInput', `"${name}" is a built-in privilege group and cannot be changed.`);
  const group = (await target.read((api) => api.listPrivilegeGroups())).find((g) => g.name === name);
  if (!group)
    throw new MilvusError('invalidInput', `There is no privilege group named "${name}" on "${target.profile.name}".`);
  if (group.builtIn)
    throw new MilvusError('invalidInput', `"${name}" is a built-in privilege group and cannot be changed.`);
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
    await target.run(`Adding ${add.length} privilege${add.length === 1 ? '' : 's'} to ${group.name}…`, (api) =>
      api.addPrivilegesToGroup(group.name, add),
    );
  if (remove.length > 0)
    await target.run(
      `Removing ${remove.length} privilege${remove.length === 1 ? '' : 's'} from ${group.name}…`,
      (api) => api.removePrivilegesFromGroup(group.name, remove),
    );
  const after = (await target.read((api) => api.listPrivilegeGroups())).find((g) => g.name === group.name) ?? {
    ...group,
    privileges: [],
  };
  const parts = [
    ...(add.length > 0 ? [`added ${add.join(', ')}`] : []),
    ...(remove.length > 0 ? [`removed ${remove.join(', ')}`] : []),
  ];
  const text = `Privilege group ${group.name}: ${parts.join('; ') || 'no change'} (now: ${after.privileges.join(', ') || 'empty'}).`;
  target.log(text);
  refreshFolders(target.services, target.profile.id, CTX.privilegeGroupsFolder);
  void vscode.window.showInformationMessage(text);
  return after;
}

export const privilegeGroupCommands: CommandTable = {
  [COMMANDS.createPrivilegeGroup]: async (services, arg): Promise<PrivilegeGroup> => {
    const target = await resolveActiveConnection(
      services,
      arg,
      'Select the connection to create the privilege group on',
    );
    await target.requireFeature('privilegeGroups', 'privilege groups');
    const args = commandArgs<GroupArgs>(arg);
    const [profile, existing] = await Promise.all([
      target.ruleProfile(),
      args.group === undefined
        ? existingNames(target, 'privilege groups', (api) => api.listPrivilegeGroups())
        : undefined,
    ]);
    const problem = (value: string): string | undefined =>
      checkNewPrivilegeGroupName(value, profile)?.message ?? takenNameMessage('privilege group', value, existing);
    const name = args.group ?? (await inputText({ prompt: 'Name of the new privilege group', validateInput: problem }));
    const violation = problem(name);
    if (violation) throw new MilvusError('invalidInput', violation);
    await target.run(`Creating privilege group ${name}…`, (api) => api.createPrivilegeGroup(name));
    target.log(`Created privilege group "${name}".`);
    const created: PrivilegeGroup = { name, privileges: [], builtIn: false };
    let privileges = args.privileges;
    if (privileges === undefined && args.group === undefined) {
      privileges = await pickPrivilegesToAdd(created).catch((error: unknown) => {
        if (error instanceof Cancelled) return [];
        throw error;
      });
    }
    if (privileges && privileges.length > 0) return changeGroup(target, created, [...new Set(privileges)], []);
    refreshFolders(services, target.profile.id, CTX.privilegeGroupsFolder);
    void vscode.window.showInformationMessage(`Created privilege group ${name}.`);
    return created;
  },

  [COMMANDS.addPrivilegesToGroup]: async (services, arg): Promise<PrivilegeGroup> => {
    const { target, group: name } = await resolveGroup(services, arg, {
      title: 'Add Privileges to Group',
      placeholder: 'Select the privilege group to add privileges to',
    });
    const group = await findGroup(target, name);
    const wanted = commandArgs<GroupArgs>(arg).privileges ?? (await pickPrivilegesToAdd(group));
    const { add } = privilegesDiff(group.privileges, [...group.privileges, ...wanted]);
    return changeGroup(target, group, add, []);
  },

  [COMMANDS.removePrivilegesFromGroup]: async (services, arg): Promise<PrivilegeGroup> => {
    const {
      target,
      group: name,
      privilege,
    } = await resolveGroup(services, arg, {
      title: 'Remove Privileges from Group',
      placeholder: 'Select the privilege group to remove privileges from',
      destructive: true,
    });
    const group = await findGroup(target, name);
    const unwanted =
      commandArgs<GroupArgs>(arg).privileges ?? (privilege ? [privilege] : await pickPrivilegesToRemove(group));
    const { remove } = privilegesDiff(
      group.privileges,
      group.privileges.filter((p) => !unwanted.includes(p)),
    );
    return changeGroup(target, group, [], remove);
  },

  [COMMANDS.dropPrivilegeGroup]: async (services, arg): Promise<boolean> => {
    const { target, group: name } = await resolveGroup(services, arg, {
      title: 'Drop Privilege Group',
      placeholder: 'Select the privilege group to drop',
      destructive: true,
    });
    const group = await findGroup(target, name);
    if (commandArgs<GroupArgs>(arg).confirm !== true) {
      await services.confirmations.requireDestructive(
        `Drop the privilege group "${name}" on "${target.profile.name}"?`,
        `It holds ${group.privileges.length} privilege${group.privileges.length === 1 ? '' : 's'}${group.privileges.length > 0 ? ` (${group.privileges.join(', ')})` : ''}. This cannot be undone.`,
        'Drop Group',
        'Keep Group',
      );
    }
    try {
      await target.run(`Dropping privilege group ${name}…`, (api) => api.dropPrivilegeGroup(name));
    } catch (error) {
      if (!refusedAsInUse(error)) throw error;
      const grants = await grantsOfGroup(target, name).catch(() => [] as Grant[]);
      const server = error instanceof MilvusError ? error.details.serverMessage : undefined;
      const byRole =
        grants.length > 0
          ? grants.map((g) => `role ${g.role} (${describeGrant(g)})`).join('; ')
          : `role ${/role \[([^\]]+)\]/.exec(server ?? '')?.[1] ?? '(unknown)'}`;
      throw new MilvusError(
        'server',
        `Privilege group ${name} is still granted to ${byRole}. Revoke it there first, then drop the group.`,
        error instanceof MilvusError ? error.details : {},
      );
    }
    target.log(`Dropped privilege group "${name}".`);
    refreshFolders(services, target.profile.id, CTX.privilegeGroupsFolder);
    void vscode.window.showInformationMessage(`Dropped privilege group ${name}.`);
    return true;
  },
};
