import * as vscode from 'vscode';
import type { PrivilegeLevel, PrivilegeTarget } from '../core/types';
import { COMMANDS } from './ids';
import { describeGrant, pickCollection, pickDatabase, pickLevel, pickPrivilege } from './pickers';
import { rbacArgs, resolveGrant, resolveRole, type Target } from './rbacTargets';
import type { CommandTable } from './registry';
import { refreshRole } from './treeRefresh';

const ALL = '*';

/** Level → database → collection → privilege, each from the server's lists; `*` stands for "all". */
async function pickGrantTarget(target: Target, role: string, given?: PrivilegeLevel): Promise<PrivilegeTarget> {
  const level = given ?? (await pickLevel());
  const dbName = level === 'Cluster' ? ALL : await pickDatabase(target, true);
  const collectionName = level === 'Collection' ? await pickCollection(target, dbName) : ALL;
  const privilege = await pickPrivilege(target, level);
  return { role, privilege, dbName, collectionName };
}

function toGrantShape(t: PrivilegeTarget): { privilege: string; dbName: string; objectName: string } {
  return { privilege: t.privilege, dbName: t.dbName, objectName: t.collectionName };
}

export const privilegeCommands: CommandTable = {
  [COMMANDS.grantPrivilege]: async (services, arg): Promise<PrivilegeTarget> => {
    const { target, role, node } = await resolveRole(services, arg, 'Select the role to grant a privilege to');
    const args = rbacArgs(arg);
    const grant: PrivilegeTarget = args.privilege
      ? { role, privilege: args.privilege, dbName: args.dbName ?? ALL, collectionName: args.collectionName ?? ALL }
      : await pickGrantTarget(target, role, args.level);
    await target.run(`Granting ${grant.privilege} to ${role}…`, (api) => api.grantPrivilege(grant));
    target.log(`Granted ${describeGrant(toGrantShape(grant))} to role "${role}".`);
    refreshRole(services, target.profile.id, role, node);
    void vscode.window.showInformationMessage(`Granted ${describeGrant(toGrantShape(grant))} to ${role}.`);
    return grant;
  },

  [COMMANDS.revokePrivilege]: async (services, arg): Promise<PrivilegeTarget> => {
    const { target, grant, node } = await resolveGrant(services, arg);
    const revoke: PrivilegeTarget = { role: grant.role, privilege: grant.privilege, dbName: grant.dbName, collectionName: grant.objectName };
    if (rbacArgs(arg).confirm !== true) {
      await services.confirmations.require(`Revoke ${describeGrant(grant)} from role "${grant.role}"?`, `Users with role ${grant.role} lose it at once.`, 'Revoke');
    }
    await target.run(`Revoking ${grant.privilege} from ${grant.role}…`, (api) => api.revokePrivilege(revoke));
    target.log(`Revoked ${describeGrant(grant)} from role "${grant.role}".`);
    refreshRole(services, target.profile.id, grant.role, node);
    void vscode.window.showInformationMessage(`Revoked ${describeGrant(grant)} from ${grant.role}.`);
    return revoke;
  },
};
