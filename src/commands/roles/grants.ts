import * as vscode from 'vscode';
import { MilvusError, errorMessage } from '../../core/errors/milvusError';
import { grantRefusal, isLockedRole, roleRefusal } from '../../core/access/flavor';
import { grantSpecScope } from '../../core/access/grantScope';
import type { PrivilegeLevel, GrantSpec } from '../../core/types';
import { COMMANDS } from '../kit/ids';
import { Flow } from '../kit/multiStep';
import { describeGrant, pickCollection, pickDatabase, pickLevel, pickPrivileges } from '../kit/pickers';
import type { ActiveConnection } from '../kit/activeConnection';
import { commandArgs, type GrantArgs } from '../kit/args';
import { resolveGrant, resolveRole } from '../kit/resolvers';
import type { CommandTable } from '../kit/registry';
import { refreshRole } from '../kit/treeRefresh';

const ALL = '*';

/** The outcome of one privilege of a grant of several. */
export interface GrantOutcome {
  privilege: string;
  ok: boolean;
  /** Why it failed (the server's message). */
  error?: string;
}

/** What grantPrivilege resolves with when it grants several privileges: one outcome per privilege, in order. */
export interface GrantPrivilegesReport {
  role: string;
  dbName: string;
  collectionName: string;
  results: GrantOutcome[];
}

type Scope = Omit<GrantSpec, 'privilege'>;

/** The steps after the role: level → database → collection → privileges; `*` stands for "all". */
const GRANT_STEPS = 4;

async function pickScope(
  flow: Flow,
  target: ActiveConnection,
  role: string,
  given?: PrivilegeLevel,
): Promise<{ scope: Scope; level: PrivilegeLevel }> {
  const level = given ?? (await pickLevel(flow));
  // The total counts every step; a cluster-level grant has no database and collection step, a database-level one no
  // collection step.
  if (level === 'Cluster') flow.skip(2);
  const dbName = level === 'Cluster' ? ALL : await pickDatabase(flow, target, true);
  if (level === 'Database') flow.skip();
  const collectionName = level === 'Collection' ? await pickCollection(flow, target, dbName) : ALL;
  return { scope: { role, dbName, collectionName }, level };
}

function toGrantShape(t: GrantSpec): { privilege: string; dbName: string; objectName: string } {
  return { privilege: t.privilege, dbName: t.dbName, objectName: t.collectionName };
}

async function grantOne(target: ActiveConnection, grant: GrantSpec): Promise<void> {
  await target.run(
    vscode.l10n.t('Granting {privilege} to {role}…', { privilege: grant.privilege, role: grant.role }),
    (api) => api.grantPrivilege(grant),
  );
  target.log(`Granted ${describeGrant(toGrantShape(grant))} to role "${grant.role}".`);
}

/** Grants each privilege in turn, collecting each outcome instead of stopping at the first failure. */
async function grantEach(
  target: ActiveConnection,
  scope: Scope,
  privileges: readonly string[],
): Promise<GrantOutcome[]> {
  const results: GrantOutcome[] = [];
  for (const privilege of privileges) {
    const grant = { ...scope, privilege };
    try {
      await grantOne(target, grant);
      results.push({ privilege, ok: true });
    } catch (error) {
      target.services.log.warn(
        `Granting ${describeGrant(toGrantShape(grant))} to "${scope.role}" failed: ${errorMessage(error)} [${target.profile.name}]`,
      );
      results.push({ privilege, ok: false, error: errorMessage(error) });
    }
  }
  return results;
}

function report(scope: Scope, results: readonly GrantOutcome[]): void {
  const granted = results.filter((r) => r.ok).map((r) => ({ ...scope, privilege: r.privilege }));
  // Privileges of one level share a scope label ("A, B on database db1"); a mix names each one's scope.
  const labels = new Set(granted.map((g) => grantSpecScope(g).label));
  const what =
    labels.size === 1
      ? vscode.l10n.t('{privilege} on {scope}', {
          privilege: granted.map((g) => g.privilege).join(', '),
          scope: [...labels][0] ?? '',
        })
      : granted.map((g) => describeGrant(toGrantShape(g))).join('; ');
  const failed = results.filter((r) => !r.ok);
  const parts = [
    ...(granted.length > 0 ? [vscode.l10n.t('Granted {grant} to {role}.', { grant: what, role: scope.role })] : []),
    ...failed.map((f) =>
      vscode.l10n.t('Could not grant {privilege}: {error}', { privilege: f.privilege, error: f.error ?? '' }),
    ),
  ];
  if (failed.length === results.length) throw new MilvusError('server', parts.join(' '));
  if (failed.length > 0) void vscode.window.showWarningMessage(parts.join(' '));
  else void vscode.window.showInformationMessage(parts.join(' '));
}

export const privilegeCommands: CommandTable = {
  /** One privilege resolves with its GrantSpec (and fails when refused); several with a report per privilege. */
  [COMMANDS.grantPrivilege]: async (services, arg): Promise<GrantSpec | GrantPrivilegesReport> => {
    const args = commandArgs<GrantArgs>(arg);
    const given = args.privileges ?? (args.privilege !== undefined ? [args.privilege] : undefined);
    const flow = new Flow(vscode.l10n.t('Grant Privilege'), given ? 0 : GRANT_STEPS - (args.level ? 1 : 0));
    const { target, role, node, scope, privileges } = await flow.run(async () => {
      const resolved = await resolveRole(services, arg, {
        title: flow.title,
        placeholder: vscode.l10n.t('Select the role to grant privileges to'),
        hide: isLockedRole,
        flow,
      });
      await resolved.target.refuseIf((flavor) => roleRefusal(flavor, resolved.role));
      if (given)
        return {
          ...resolved,
          scope: { role: resolved.role, dbName: args.dbName ?? ALL, collectionName: args.collectionName ?? ALL },
          privileges: given,
        };
      const { scope, level } = await pickScope(flow, resolved.target, resolved.role, args.level);
      return { ...resolved, scope, privileges: await pickPrivileges(flow, resolved.target, level) };
    });
    const unique = [...new Set(privileges)];
    if (unique.length === 0)
      throw new MilvusError('invalidInput', vscode.l10n.t('Choose at least one privilege to grant.'));
    if (unique.length === 1) {
      const grant: GrantSpec = { ...scope, privilege: unique[0] as string };
      await grantOne(target, grant);
      refreshRole(services, target.profile.id, role, node);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Granted {grant} to {role}.', { grant: describeGrant(toGrantShape(grant)), role }),
      );
      return grant;
    }
    const results = await grantEach(target, scope, unique);
    refreshRole(services, target.profile.id, role, node);
    report(scope, results);
    return { ...scope, results };
  },

  [COMMANDS.revokePrivilege]: async (services, arg): Promise<GrantSpec> => {
    const { target, grant, node } = await resolveGrant(services, arg);
    await target.refuseIf((flavor) => grantRefusal(flavor, grant, 'revoke'));
    const revoke: GrantSpec = {
      role: grant.role,
      privilege: grant.privilege,
      dbName: grant.dbName,
      collectionName: grant.objectName,
    };
    if (commandArgs<GrantArgs>(arg).confirm !== true) {
      await services.confirmations.requireDestructive(
        vscode.l10n.t('Revoke {grant} from role "{role}"?', { grant: describeGrant(grant), role: grant.role }),
        vscode.l10n.t('Users with role {0} lose it at once.', grant.role),
        vscode.l10n.t('Revoke'),
        vscode.l10n.t('Keep Grant'),
      );
    }
    await target.snapshot(`before revoking ${grant.privilege} from role ${grant.role}`);
    await target.run(
      vscode.l10n.t('Revoking {privilege} from {role}…', { privilege: grant.privilege, role: grant.role }),
      (api) => api.revokePrivilege(revoke),
    );
    target.log(`Revoked ${describeGrant(grant)} from role "${grant.role}".`);
    refreshRole(services, target.profile.id, grant.role, node);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Revoked {grant} from {role}.', { grant: describeGrant(grant), role: grant.role }),
    );
    return revoke;
  },
};
