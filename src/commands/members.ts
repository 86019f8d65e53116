// A role's members from the role's side: Add Member… (several users at once) and Remove Member. Each binding goes
// through the same OperateUserRole steps as Edit Roles; then one SelectRole re-reads the role, and only the role's node
// and the changed users' nodes are re-rendered.
import * as vscode from 'vscode';
import { rolesSummary } from '../core/accessLabels';
import { PUBLIC_ROLE } from '../core/builtIns';
import { MilvusError } from '../core/errors';
import { MemberNode, MembersNode } from '../tree/nodes/roleSections';
import { COMMANDS } from './ids';
import { pickMany, pickOne } from './pickers';
import type { ActiveConnection } from './activeConnection';
import { commandArgs, type MemberArgs } from './commandArgs';
import { resolveRole } from './resolvers';
import { Cancelled } from './cancelled';
import type { CommandTable } from './registry';
import type { Services } from './services';
import { updateMembership } from './treeRefresh';
import { applyRoleChanges } from './users';

/** addRoleMembers({ id, role, users }) skips the picker; removeRoleMember({ id, role, user, confirm: true }) the modal. */
export interface MemberChange {
  user: string;
  ok: boolean;
  /** Why it failed (the server's message). */
  error?: string;
}

/** What both commands resolve with: the role's members as re-read after the change, and each binding's outcome. */
export interface MembersReport {
  role: string;
  members: string[];
  changes: MemberChange[];
}

const REMOVE = 'Remove Member';
/** Listed first, so it is the button Enter presses. */
const KEEP = 'Keep Member';

function pickNewMembers(target: ActiveConnection, role: string): Promise<string[]> {
  const items = target.read(async (api) => {
    const users = (await api.listUsersWithRoles())
      .filter((u) => !u.roles.includes(role))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (users.length === 0) throw new MilvusError('invalidInput', `Every user already holds ${role}.`);
    return users.map((u) => ({ label: u.name, description: rolesSummary(u), detail: u.description, value: u.name }));
  });
  return pickMany(items, `Select the users to add to ${role}`).then((picked) => {
    if (picked.length === 0) throw new Cancelled();
    return picked;
  });
}

/** Binds or unbinds each user, re-reads the roles once, updates the affected tree nodes, and reports. */
async function apply(
  target: ActiveConnection,
  role: string,
  users: readonly string[],
  action: 'add' | 'remove',
): Promise<MembersReport> {
  const changes: MemberChange[] = [];
  for (const user of users) {
    const [change] = await applyRoleChanges(
      target,
      user,
      action === 'add' ? [role] : [],
      action === 'remove' ? [role] : [],
    );
    changes.push({ user, ok: change.ok, error: change.error });
  }
  const roles = await target.read((api) => api.listRolesWithUsers());
  const changed = changes.filter((c) => c.ok).map((c) => c.user);
  await updateMembership(target.services, target.profile.id, roles, role, changed);
  const failed = changes.filter((c) => !c.ok);
  const done =
    changed.length > 0
      ? `${action === 'add' ? 'Added' : 'Removed'} ${changed.join(', ')} ${action === 'add' ? 'to' : 'from'} ${role}.`
      : '';
  const refused = failed.map((c) => `Could not ${action} ${c.user}: ${c.error}`).join(' ');
  if (failed.length > 0) void vscode.window.showWarningMessage(`${done} ${refused}`.trim());
  else void vscode.window.showInformationMessage(done);
  return { role, members: roles.find((r) => r.name === role)?.users ?? [], changes };
}

async function resolveMember(
  services: Services,
  arg: unknown,
): Promise<{ target: ActiveConnection; role: string; user: string }> {
  if (arg instanceof MemberNode) {
    const { target } = await resolveRole(services, arg.section.roleNode, '');
    return { target, role: arg.role, user: arg.user };
  }
  const { target, role } = await resolveRole(services, arg, 'Select the role to remove a member from');
  const user =
    commandArgs<MemberArgs>(arg).user ??
    (await pickOne(
      target.read(async (api) => {
        const users = (await api.listRolesWithUsers()).find((r) => r.name === role)?.users ?? [];
        if (users.length === 0) throw new MilvusError('invalidInput', `${role} has no member bound to it.`);
        return [...users].sort().map((u) => ({ label: u, value: u }));
      }),
      `Select the member to remove from ${role}`,
    ));
  return { target, role, user };
}

export const memberCommands: CommandTable = {
  [COMMANDS.addRoleMembers]: async (services, arg): Promise<MembersReport | undefined> => {
    const { target, role } = await resolveRole(
      services,
      arg instanceof MembersNode ? arg.roleNode : arg,
      'Select the role to add members to',
    );
    if (role === PUBLIC_ROLE) {
      void vscode.window.showInformationMessage('Every user already holds the public role: there is no one to add.');
      return undefined;
    }
    const given = commandArgs<MemberArgs>(arg).users;
    const users = given ?? (await pickNewMembers(target, role));
    return apply(target, role, users, 'add');
  },

  [COMMANDS.removeRoleMember]: async (services, arg): Promise<MembersReport> => {
    const { target, role, user } = await resolveMember(services, arg);
    if (commandArgs<MemberArgs>(arg).confirm !== true) {
      const self = user === target.loginUser ? ` ${user} is the user "${target.profile.name}" logs in as.` : '';
      const answer = await services.confirmations.ask(
        `Remove ${user} from role "${role}" on "${target.profile.name}"?`,
        `${user} loses the role's privileges at once.${self}`,
        KEEP,
        REMOVE,
      );
      if (answer !== REMOVE) throw new Cancelled();
    }
    return apply(target, role, [user], 'remove');
  },
};
