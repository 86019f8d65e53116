// A role's members from the role's side: Add Member… (several users at once) and Remove Member. Each binding goes
// through the same OperateUserRole steps as Edit Roles; then one SelectRole re-reads the role, and only the role's node
// and the changed users' nodes are re-rendered.
import * as vscode from 'vscode';
import { rolesSummary } from '../../core/access/labels';
import { PUBLIC_ROLE } from '../../core/access/builtIns';
import { unbindRefusal } from '../../core/access/flavor';
import { MilvusError } from '../../core/errors/milvusError';
import { MemberNode, MembersNode } from '../../tree/nodes/roleSections';
import { COMMANDS } from '../kit/ids';
import { Flow } from '../kit/multiStep';
import type { ActiveConnection } from '../kit/activeConnection';
import { commandArgs, type MemberArgs } from '../kit/args';
import { resolveRole } from '../kit/resolvers';
import { Cancelled } from '../kit/cancelled';
import type { CommandTable } from '../kit/registry';
import type { Services } from '../kit/services';
import { updateMembership } from '../kit/treeRefresh';
import { applyRoleChanges } from '../users/userCommands';

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

function pickNewMembers(flow: Flow, target: ActiveConnection, role: string): Promise<string[]> {
  const items = target.read(async (api) => {
    const users = (await api.listUsersWithRoles())
      .filter((u) => !u.roles.includes(role))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (users.length === 0) throw new MilvusError('invalidInput', vscode.l10n.t('Every user already holds {0}.', role));
    return users.map((u) => ({ label: u.name, description: rolesSummary(u), detail: u.description, value: u.name }));
  });
  return flow
    .pickMany({
      placeholder: vscode.l10n.t('Select the users to add to {0}', role),
      items: () => items,
      matchOnDescription: true,
    })
    .then((picked) => {
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
  const names = changed.join(', ');
  const done =
    changed.length === 0
      ? ''
      : action === 'add'
        ? vscode.l10n.t('Added {users} to {role}.', { users: names, role })
        : vscode.l10n.t('Removed {users} from {role}.', { users: names, role });
  const refused = failed
    .map((c) =>
      action === 'add'
        ? vscode.l10n.t('Could not add {user}: {error}', { user: c.user, error: c.error ?? '' })
        : vscode.l10n.t('Could not remove {user}: {error}', { user: c.user, error: c.error ?? '' }),
    )
    .join(' ');
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
  const given = commandArgs<MemberArgs>(arg).user;
  const flow = new Flow(vscode.l10n.t('Remove Member'), given === undefined ? 1 : 0);
  return flow.run(async () => {
    const { target, role } = await resolveRole(services, arg, {
      title: flow.title,
      placeholder: vscode.l10n.t('Select the role to remove a member from'),
      flow,
    });
    const user =
      given ??
      (await flow.pick({
        placeholder: vscode.l10n.t('Select the member to remove from {0}', role),
        items: () =>
          target.read(async (api) => {
            const users = (await api.listRolesWithUsers()).find((r) => r.name === role)?.users ?? [];
            if (users.length === 0)
              throw new MilvusError('invalidInput', vscode.l10n.t('{0} has no member bound to it.', role));
            return [...users].sort().map((u) => ({ label: u, value: u }));
          }),
      }));
    return { target, role, user };
  });
}

export const memberCommands: CommandTable = {
  [COMMANDS.addRoleMembers]: async (services, arg): Promise<MembersReport | undefined> => {
    const given = commandArgs<MemberArgs>(arg).users;
    const flow = new Flow(vscode.l10n.t('Add Member'), given === undefined ? 1 : 0);
    const picked = await flow.run(async () => {
      const { target, role } = await resolveRole(services, arg instanceof MembersNode ? arg.roleNode : arg, {
        title: flow.title,
        placeholder: vscode.l10n.t('Select the role to add members to'),
        // Every user holds public already.
        filter: (name) => name !== PUBLIC_ROLE,
        flow,
      });
      if (role === PUBLIC_ROLE) return { target, role, users: [] };
      return { target, role, users: given ?? (await pickNewMembers(flow, target, role)) };
    });
    const { target, role, users } = picked;
    if (role === PUBLIC_ROLE) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Every user already holds the public role: there is no one to add.'),
      );
      return undefined;
    }
    return apply(target, role, users, 'add');
  },

  [COMMANDS.removeRoleMember]: async (services, arg): Promise<MembersReport> => {
    const { target, role, user } = await resolveMember(services, arg);
    await target.refuseIf((flavor) => unbindRefusal(flavor, user, role));
    if (commandArgs<MemberArgs>(arg).confirm !== true) {
      const connection = target.profile.name;
      const remove = vscode.l10n.t('Remove Member');
      const loses = vscode.l10n.t("{0} loses the role's privileges at once.", user);
      const answer = await services.confirmations.ask(
        vscode.l10n.t('Remove {user} from role "{role}" on "{connection}"?', { user, role, connection }),
        user === target.loginUser
          ? `${loses} ${vscode.l10n.t('{user} is the user "{connection}" logs in as.', { user, connection })}`
          : loses,
        vscode.l10n.t('Keep Member'), // first, so it is the button Enter presses
        remove,
      );
      if (answer !== remove) throw new Cancelled();
    }
    return apply(target, role, [user], 'remove');
  },
};
