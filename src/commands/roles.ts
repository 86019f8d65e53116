import * as vscode from 'vscode';
import { MilvusError } from '../core/errors';
import { takenNameMessage } from '../core/newNames';
import { grantToSpec } from '../core/rbacPlan';
import { checkRoleName } from '../core/rules';
import type { Grant } from '../core/types';
import { BUILTIN_ROLES, CTX } from '../tree/contextValues';
import { editDescription, inputDescription, type DescriptionEdit } from './descriptions';
import { duplicateRole } from './duplicateRole';
import { existingNames } from './existingNames';
import { COMMANDS } from './ids';
import { describeGrant, inputText } from './pickers';
import { rbacArgs, resolveRole, resolveActiveConnection, type ActiveConnection } from './resolvers';
import { errorMessage, type CommandTable } from './registry';
import { refreshFolders } from './treeRefresh';

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
  if (grants.length > SHOWN_GRANTS) lines.push(`• …and ${grants.length - SHOWN_GRANTS} more`);
  return lines.join('\n');
}

/** The DropRole refusal for a role that still has grants (R6), as opposed to any other failure. */
function refusedForGrants(error: unknown): boolean {
  return (
    error instanceof MilvusError &&
    error.kind === 'server' &&
    /privilege/i.test(error.details.serverMessage ?? error.message)
  );
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
    await target.run(`Dropping role ${role} and its ${grants.length} grants…`, (api) => api.dropRole(role, true));
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
      await target.run(`Revoking ${grant.privilege} from ${role}…`, (api) => api.revokePrivilege(grantToSpec(grant)));
      target.log(`Revoked ${describeGrant(grant)} from role "${role}".`);
    } catch (error) {
      throw new MilvusError(
        'server',
        `Could not revoke ${describeGrant(grant)} from ${role}, so the role was not dropped: ${errorMessage(error)}`,
      );
    }
  }
  await target.run(`Dropping role ${role}…`, (api) => api.dropRole(role));
  return 'revoke';
}

async function askDescription(target: ActiveConnection): Promise<string | undefined> {
  if (!(await target.features().catch(() => undefined))?.descriptions) return undefined;
  const text = await inputDescription('role', {
    prompt: 'Description (optional)',
    placeHolder: 'What the role is for',
  });
  return text.trim() || undefined;
}

export const roleCommands: CommandTable = {
  [COMMANDS.createRole]: async (services, arg): Promise<string> => {
    const target = await resolveActiveConnection(services, arg, 'Select the connection to create the role on');
    const args = rbacArgs(arg);
    const [profile, existing] = await Promise.all([
      target.ruleProfile(),
      args.role === undefined ? existingNames(target, 'roles', (api) => api.listRolesWithUsers()) : undefined,
    ]);
    const problem = (name: string): string | undefined =>
      checkRoleName(name, profile)?.message ?? takenNameMessage('role', name, existing);
    const role = (args.role ?? (await inputText({ prompt: 'Name of the new role', validateInput: problem }))).trim();
    const violation = problem(role);
    if (violation) throw new MilvusError('invalidInput', violation);
    let description = args.role === undefined ? await askDescription(target) : args.description?.trim() || undefined;
    if (description && !(await target.features().catch(() => undefined))?.descriptions) {
      services.log.warn(`This server keeps no role descriptions; the description of "${role}" was not sent.`);
      description = undefined;
    }
    await target.run(`Creating role ${role}…`, (api) => api.createRole(role, description));
    target.log(`Created role "${role}".`);
    refreshFolders(services, target.profile.id, CTX.rolesFolder);
    void vscode.window.showInformationMessage(`Created role ${role}. Grant it privileges from its context menu.`);
    return role;
  },

  [COMMANDS.duplicateRole]: duplicateRole,

  [COMMANDS.editRoleDescription]: async (services, arg): Promise<DescriptionEdit> => {
    const notBuiltIn = (name: string): boolean => !BUILTIN_ROLES.has(name);
    const { target, role } = await resolveRole(services, arg, {
      title: 'Edit Role Description',
      placeholder: 'Select the role whose description to edit',
      filter: notBuiltIn,
    });
    if (!notBuiltIn(role))
      throw new MilvusError(
        'invalidInput',
        `"${role}" is a built-in role: Milvus does not let its description be changed.`,
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
      rbacArgs(arg).description,
    );
  },

  [COMMANDS.dropRole]: async (services, arg): Promise<DropRoleResult> => {
    const { target, role } = await resolveRole(services, arg, {
      title: 'Drop Role',
      placeholder: 'Select the role to drop',
      filter: (name) => !BUILTIN_ROLES.has(name),
      destructive: true,
    });
    if (BUILTIN_ROLES.has(role))
      throw new MilvusError('invalidInput', `"${role}" is a built-in role and cannot be dropped.`);
    const args = rbacArgs(arg);
    const [grants, roles] = await target.run(`Reading the grants of ${role}…`, (api) =>
      Promise.all([api.listGrants(role), api.listRolesWithUsers()]),
    );
    const members = roles.find((r) => r.name === role)?.users ?? [];
    const membersLose = `${members.length} member${members.length === 1 ? ' loses' : 's lose'} it`;
    const memberText = members.length > 0 ? `Its ${membersLose} (${members.join(', ')}). ` : '';
    const grantText = `${grants.length} grant${grants.length === 1 ? '' : 's'}`;
    const typed = { title: `Drop Role "${role}"`, name: role };

    if (grants.length > 0 && args.confirm === true && args.revokeGrants !== true) {
      throw new MilvusError(
        'invalidInput',
        `Role ${role} still has ${grantText}:\n${grantList(grants)}\nRevoke them first, or choose "Revoke All and Drop…".`,
      );
    }
    if (args.confirm !== true) {
      if (grants.length > 0) {
        await services.confirmations.requireTypedName(
          `Role "${role}" on "${target.profile.name}" still has ${grantText}. Revoke all and drop it?`,
          `${grantList(grants)}\n\n${memberText}This cannot be undone.`,
          'Revoke All and Drop…',
          {
            ...typed,
            consequence: `Its ${grantText} ${grants.length === 1 ? 'is' : 'are'} revoked${members.length > 0 ? ` and ${membersLose}` : ''}; this cannot be undone.`,
          },
        );
      } else if (members.length > 0) {
        await services.confirmations.requireTypedName(
          `Drop the role "${role}" on "${target.profile.name}"?`,
          `${memberText}This cannot be undone.`,
          'Drop Role…',
          {
            ...typed,
            consequence: `${membersLose}; this cannot be undone.`,
          },
        );
      } else {
        await services.confirmations.requireDestructive(
          `Drop the role "${role}" on "${target.profile.name}"?`,
          'It has no grants and no members. This cannot be undone.',
          'Drop Role',
          'Keep Role',
        );
      }
    }

    await target.snapshot(`before dropping role ${role}`);
    let via: DropRoleResult['via'] = 'none';
    if (grants.length > 0) via = await revokeAllAndDrop(target, role, grants);
    else await target.run(`Dropping role ${role}…`, (api) => api.dropRole(role));
    target.log(
      `Dropped role "${role}"${grants.length > 0 ? ` with its ${grants.length} grants (${via === 'forceDrop' ? 'force drop' : 'revoked one by one'})` : ''}.`,
    );
    refreshFolders(services, target.profile.id, CTX.rolesFolder, ...(members.length > 0 ? [CTX.usersFolder] : []));
    void vscode.window.showInformationMessage(
      `Dropped role ${role}${grants.length > 0 ? ` and its ${grantText}` : ''}.`,
    );
    return { role, grants: grants.length, via };
  },
};
