import * as vscode from 'vscode';
import { MilvusError, errorMessage } from '../../core/errors/milvusError';
import { takenNameMessage } from '../../core/rules/newNames';
import { grantToSpec } from '../../core/rbac/plan';
import { checkRoleName } from '../../core/rules/checks';
import { refusedForGrants } from '../../core/errors/serverRefusals';
import type { Grant } from '../../core/types';
import { BUILTIN_ROLES, CTX } from '../../tree/contextValues';
import { describable, editDescription, type DescriptionEdit } from '../kit/descriptions';
import { duplicateRole } from './duplicate';
import { existingNames } from '../kit/existingNames';
import { COMMANDS } from '../kit/ids';
import { describeGrant } from '../kit/pickers';
import { Flow } from '../kit/multiStep';
import { connectionGiven } from '../kit/connectionArgs';
import type { ActiveConnection } from '../kit/activeConnection';
import { commandArgs, type CreateRoleArgs, type DescriptionArgs, type DropRoleArgs } from '../kit/args';
import { resolveRole, resolveActiveConnection } from '../kit/resolvers';
import type { CommandTable } from '../kit/registry';
import { refreshFolders } from '../kit/treeRefresh';

export interface DropRoleResult {
  role: string;
  /** Grants the role had when it was dropped. */
  grants: number;
  /** How they went: none to remove, force_drop, or revoked one by one (servers without force_drop). */
  via: 'none' | 'forceDrop' | 'revoke';
}

const SHOWN_GRANTS = 12;

function grantList(grants: readonly Grant[]): string {
  const lines = grants.slice(0, SHOWN_GRANTS).map((g) => `• ${describeGrant(g)}`);
  if (grants.length > SHOWN_GRANTS) lines.push(vscode.l10n.t('• …and {0} more', grants.length - SHOWN_GRANTS));
  return lines.join('\n');
}

/**
 * Drops a role together with its grants: force_drop first (Milvus 2.4.10+ deletes the grants with the role); a server
 * that ignores force_drop refuses with R6, and then each grant is revoked before a plain drop.
 */
async function revokeAllAndDrop(
  target: ActiveConnection,
  role: string,
  grants: readonly Grant[],
): Promise<DropRoleResult['via']> {
  try {
    await target.run(
      vscode.l10n.t('Dropping role {role} and its {count} grants…', { role, count: grants.length }),
      (api) => api.dropRole(role, true),
    );
    return 'forceDrop';
  } catch (error) {
    if (!refusedForGrants(error)) throw error;
    target.services.log.info(
      `The server ignored force_drop for "${role}"; revoking its grants one by one. [${target.profile.name}]`,
    );
  }
  const current = await target.read((api) => api.listGrants(role));
  for (const grant of current) {
    try {
      await target.run(
        vscode.l10n.t('Revoking {privilege} from {role}…', { privilege: grant.privilege, role }),
        (api) => api.revokePrivilege(grantToSpec(grant)),
      );
      target.log(`Revoked ${describeGrant(grant)} from role "${role}".`);
    } catch (error) {
      throw new MilvusError(
        'server',
        vscode.l10n.t('Could not revoke {grant} from {role}, so the role was not dropped: {error}', {
          grant: describeGrant(grant),
          role,
          error: errorMessage(error),
        }),
      );
    }
  }
  await target.run(vscode.l10n.t('Dropping role {0}…', role), (api) => api.dropRole(role));
  return 'revoke';
}

/** "Its 2 grants are revoked and 1 member loses it; this cannot be undone.", one whole sentence per case. */
function revokeConsequence(count: number, grants: string, membersLose: string | undefined): string {
  if (membersLose === undefined)
    return count === 1
      ? vscode.l10n.t('Its {0} is revoked; this cannot be undone.', grants)
      : vscode.l10n.t('Its {0} are revoked; this cannot be undone.', grants);
  return count === 1
    ? vscode.l10n.t('Its {grants} is revoked and {members}; this cannot be undone.', { grants, members: membersLose })
    : vscode.l10n.t('Its {grants} are revoked and {members}; this cannot be undone.', { grants, members: membersLose });
}

/** The last step of Create Role; skipped where the server keeps no descriptions. */
async function askDescription(flow: Flow, target: ActiveConnection): Promise<string | undefined> {
  if (!(await target.features().catch(() => undefined))?.descriptions) {
    flow.skip();
    return undefined;
  }
  const text = await flow.input({
    prompt: vscode.l10n.t('Description (optional)'),
    placeholder: vscode.l10n.t('What the role is for'),
    validate: describable('role'),
  });
  return text.trim() || undefined;
}

export const roleCommands: CommandTable = {
  [COMMANDS.createRole]: async (services, arg): Promise<string> => {
    const args = commandArgs<CreateRoleArgs>(arg);
    // The connection, the name, the description.
    const flow = new Flow(
      vscode.l10n.t('Create Role'),
      (connectionGiven(arg) ? 0 : 1) + (args.role === undefined ? 2 : 0),
    );
    const { target, role, asked } = await flow.run(async () => {
      const target = await resolveActiveConnection(
        services,
        arg,
        vscode.l10n.t('Select the connection to create the role on'),
        flow,
      );
      const [profile, existing] = await Promise.all([
        target.ruleProfile(),
        args.role === undefined ? existingNames(target, 'roles', (api) => api.listRolesWithUsers()) : undefined,
      ]);
      const problem = (name: string): string | undefined =>
        checkRoleName(name, profile)?.message ?? takenNameMessage('role', name, existing);
      const role = (
        args.role ?? (await flow.input({ prompt: vscode.l10n.t('Name of the new role'), validate: problem }))
      ).trim();
      const violation = problem(role);
      if (violation) throw new MilvusError('invalidInput', violation);
      return { target, role, asked: args.role === undefined ? await askDescription(flow, target) : undefined };
    });
    let description = args.role === undefined ? asked : args.description?.trim() || undefined;
    if (description && !(await target.features().catch(() => undefined))?.descriptions) {
      services.log.warn(`This server keeps no role descriptions; the description of "${role}" was not sent.`);
      description = undefined;
    }
    await target.run(vscode.l10n.t('Creating role {0}…', role), (api) => api.createRole(role, description));
    target.log(`Created role "${role}".`);
    refreshFolders(services, target.profile.id, CTX.rolesFolder);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Created role {0}. Grant it privileges from its context menu.', role),
    );
    return role;
  },

  [COMMANDS.duplicateRole]: duplicateRole,

  [COMMANDS.editRoleDescription]: async (services, arg): Promise<DescriptionEdit> => {
    const notBuiltIn = (name: string): boolean => !BUILTIN_ROLES.has(name);
    const given = commandArgs<DescriptionArgs>(arg).description;
    const flow = new Flow(vscode.l10n.t('Edit Role Description'), given === undefined ? 1 : 0);
    return flow.run(async () => {
      const { target, role } = await resolveRole(services, arg, {
        title: flow.title,
        placeholder: vscode.l10n.t('Select the role whose description to edit'),
        filter: notBuiltIn,
        flow,
      });
      if (!notBuiltIn(role))
        throw new MilvusError(
          'invalidInput',
          vscode.l10n.t('"{0}" is a built-in role: Milvus does not let its description be changed.', role),
        );
      return editDescription(
        target,
        {
          kind: 'role',
          name: role,
          feature: 'alterRole',
          read: async (api) => (await api.listRolesWithUsers()).find((r) => r.name === role)?.description ?? '',
          write: (api, description) => api.alterRole(role, description),
        },
        given,
        flow,
      );
    });
  },

  [COMMANDS.dropRole]: async (services, arg): Promise<DropRoleResult> => {
    const { target, role } = await resolveRole(services, arg, {
      title: vscode.l10n.t('Drop Role'),
      placeholder: vscode.l10n.t('Select the role to drop'),
      filter: (name) => !BUILTIN_ROLES.has(name),
      destructive: true,
    });
    if (BUILTIN_ROLES.has(role))
      throw new MilvusError('invalidInput', vscode.l10n.t('"{0}" is a built-in role and cannot be dropped.', role));
    const args = commandArgs<DropRoleArgs>(arg);
    const [grants, roles] = await target.run(vscode.l10n.t('Reading the grants of {0}…', role), (api) =>
      Promise.all([api.listGrants(role), api.listRolesWithUsers()]),
    );
    const members = roles.find((r) => r.name === role)?.users ?? [];
    const membersLose =
      members.length === 1 ? vscode.l10n.t('1 member loses it') : vscode.l10n.t('{0} members lose it', members.length);
    const undone = vscode.l10n.t('This cannot be undone.');
    const memberText =
      members.length > 0
        ? `${vscode.l10n.t('Its {members} ({names}).', { members: membersLose, names: members.join(', ') })} `
        : '';
    const grantText = grants.length === 1 ? vscode.l10n.t('1 grant') : vscode.l10n.t('{0} grants', grants.length);
    const typed = { title: vscode.l10n.t('Drop Role "{0}"', role), name: role };

    if (grants.length > 0 && args.confirm === true && args.revokeGrants !== true) {
      throw new MilvusError(
        'invalidInput',
        vscode.l10n.t('Role {role} still has {grants}:\n{list}\nRevoke them first, or choose "Revoke All and Drop…".', {
          role,
          grants: grantText,
          list: grantList(grants),
        }),
      );
    }
    if (args.confirm !== true) {
      if (grants.length > 0) {
        await services.confirmations.requireTypedName(
          vscode.l10n.t('Role "{role}" on "{connection}" still has {grants}. Revoke all and drop it?', {
            role,
            connection: target.profile.name,
            grants: grantText,
          }),
          `${grantList(grants)}\n\n${memberText}${undone}`,
          vscode.l10n.t('Revoke All and Drop…'),
          {
            ...typed,
            consequence: revokeConsequence(grants.length, grantText, members.length > 0 ? membersLose : undefined),
          },
        );
      } else if (members.length > 0) {
        await services.confirmations.requireTypedName(
          vscode.l10n.t('Drop the role "{role}" on "{connection}"?', { role, connection: target.profile.name }),
          `${memberText}${undone}`,
          vscode.l10n.t('Drop Role…'),
          {
            ...typed,
            consequence: vscode.l10n.t('{0}; this cannot be undone.', membersLose),
          },
        );
      } else {
        await services.confirmations.requireDestructive(
          vscode.l10n.t('Drop the role "{role}" on "{connection}"?', { role, connection: target.profile.name }),
          vscode.l10n.t('It has no grants and no members. This cannot be undone.'),
          vscode.l10n.t('Drop Role'),
          vscode.l10n.t('Keep Role'),
        );
      }
    }

    await target.snapshot(`before dropping role ${role}`);
    let via: DropRoleResult['via'] = 'none';
    if (grants.length > 0) via = await revokeAllAndDrop(target, role, grants);
    else await target.run(vscode.l10n.t('Dropping role {0}…', role), (api) => api.dropRole(role));
    target.log(
      `Dropped role "${role}"${grants.length > 0 ? ` with its ${grants.length} grants (${via === 'forceDrop' ? 'force drop' : 'revoked one by one'})` : ''}.`,
    );
    refreshFolders(services, target.profile.id, CTX.rolesFolder, ...(members.length > 0 ? [CTX.usersFolder] : []));
    void vscode.window.showInformationMessage(
      grants.length > 0
        ? vscode.l10n.t('Dropped role {role} and its {grants}.', { role, grants: grantText })
        : vscode.l10n.t('Dropped role {0}.', role),
    );
    return { role, grants: grants.length, via };
  },
};
