// "Export RBAC to File…" and "Apply RBAC from File…": copy roles, privilege groups, grants and role bindings between
// servers (staging → production). The work is in src/core (rbacFile, rbacFileParse, rbacApplyPlan, rbacSync); this file
// adds the dialogs, the confirmation, the progress and the messages.
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { countSteps, describeStep, planRbacApply, type RbacApplyStep } from '../core/rbacApplyPlan';
import { serializeRbacFile } from '../core/rbacFile';
import { parseRbacFile } from '../core/rbacFileParse';
import { exportRbac, readRbacDestination, type RbacApplyReport } from '../core/rbacSync';
import { runPlan } from './planRunner';
import { isUriViolation, parseConnectionUri } from '../core/uri';
import { CTX } from '../tree/contextValues';
import { COMMANDS } from './ids';
import type { ActiveConnection } from './activeConnection';
import { resolveActiveConnection } from './resolvers';
import { Cancelled } from './cancelled';
import type { CommandTable } from './registry';
import { isConnectionArgs } from './connectionArgs';
import { refreshFolders } from './treeRefresh';

/** The programmatic argument: `{ id, file }` skips the file dialog, `confirm: true` the confirmation of an apply. */
export interface RbacFileArgs {
  id?: string;
  file?: string;
  confirm?: boolean;
}

export interface RbacExportResult {
  file: string;
  roles: number;
  privilegeGroups: number;
  grants: number;
  userRoles: number;
}

export interface RbacApplyResult {
  file: string;
  /** The steps applied, described (empty when there was nothing to do). */
  applied: string[];
  /** Users in the file that do not exist on the target. */
  skippedUsers: string[];
}

const SHOWN_STEPS = 12;

function fileArgs(arg: unknown): RbacFileArgs {
  return isConnectionArgs(arg) ? (arg as RbacFileArgs) : {};
}

type Noun = 'role' | 'privilegeGroup' | 'group' | 'grant' | 'userBinding' | 'roleBinding' | 'change' | 'user';

/** "1 role", "3 roles": one whole phrase per noun and number, so each translates on its own. */
function plural(n: number, noun: Noun): string {
  const one = n === 1;
  switch (noun) {
    case 'role':
      return one ? vscode.l10n.t('1 role') : vscode.l10n.t('{0} roles', n);
    case 'privilegeGroup':
      return one ? vscode.l10n.t('1 privilege group') : vscode.l10n.t('{0} privilege groups', n);
    case 'group':
      return one ? vscode.l10n.t('1 group') : vscode.l10n.t('{0} groups', n);
    case 'grant':
      return one ? vscode.l10n.t('1 grant') : vscode.l10n.t('{0} grants', n);
    case 'userBinding':
      return one ? vscode.l10n.t('1 user binding') : vscode.l10n.t('{0} user bindings', n);
    case 'roleBinding':
      return one ? vscode.l10n.t('1 role binding') : vscode.l10n.t('{0} role bindings', n);
    case 'change':
      return one ? vscode.l10n.t('1 change') : vscode.l10n.t('{0} changes', n);
    case 'user':
      return one ? vscode.l10n.t('1 user') : vscode.l10n.t('{0} users', n);
  }
}

/** The server's address without any user name, for the file's `source`. */
function sourceAddress(uri: string): string {
  const parsed = parseConnectionUri(uri);
  return isUriViolation(parsed) ? '' : parsed.uri;
}

function defaultFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
}

async function saveLocation(target: ActiveConnection, args: RbacFileArgs): Promise<vscode.Uri> {
  if (args.file) return vscode.Uri.file(args.file);
  const name = `${target.profile.name.replace(/[^\w.-]+/g, '-')}-rbac.json`;
  const picked = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(defaultFolder(), name),
    filters: { [vscode.l10n.t('RBAC file (JSON)')]: ['json'] },
    saveLabel: vscode.l10n.t('Export'),
    title: vscode.l10n.t('Export the RBAC of {0}', target.profile.name),
  });
  if (!picked) throw new Cancelled();
  return picked;
}

async function openLocation(target: ActiveConnection, args: RbacFileArgs): Promise<vscode.Uri> {
  if (args.file) return vscode.Uri.file(args.file);
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: defaultFolder(),
    filters: { [vscode.l10n.t('RBAC file (JSON)')]: ['json'] },
    openLabel: vscode.l10n.t('Apply'),
    title: vscode.l10n.t('Apply an RBAC file to {0}', target.profile.name),
  });
  if (!picked?.[0]) throw new Cancelled();
  return picked[0];
}

function bullets(steps: readonly RbacApplyStep[], max: number): string {
  const lines = steps.slice(0, max).map((s) => `• ${describeStep(s)}`);
  if (steps.length > max) lines.push(vscode.l10n.t('• …and {0} more', steps.length - max));
  return lines.join('\n');
}

function summary(steps: readonly RbacApplyStep[]): string {
  const c = countSteps(steps);
  const parts = [
    c.createGroup > 0 ? vscode.l10n.t('create {0}', plural(c.createGroup, 'privilegeGroup')) : '',
    c.createRole > 0 ? vscode.l10n.t('create {0}', plural(c.createRole, 'role')) : '',
    c.addGroupPrivileges > 0 ? vscode.l10n.t('add privileges to {0}', plural(c.addGroupPrivileges, 'group')) : '',
    c.grant > 0 ? vscode.l10n.t('add {0}', plural(c.grant, 'grant')) : '',
    c.bindRole > 0 ? vscode.l10n.t('add {0}', plural(c.bindRole, 'roleBinding')) : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function skippedText(users: readonly string[]): string {
  return users.length === 0
    ? ''
    : vscode.l10n.t('Skipped {count} missing on this server (users and passwords are not copied): {users}.', {
        count: plural(users.length, 'user'),
        users: users.join(', '),
      });
}

export const rbacFileCommands: CommandTable = {
  [COMMANDS.exportRbac]: async (services, arg): Promise<RbacExportResult> => {
    const target = await resolveActiveConnection(
      services,
      arg,
      vscode.l10n.t('Select the connection to export the RBAC of'),
    );
    const args = fileArgs(arg);
    const rbac = await target.run(vscode.l10n.t('Reading the RBAC of {0}…', target.profile.name), (api) =>
      exportRbac(api, sourceAddress(target.profile.uri)),
    );
    const uri = await saveLocation(target, args);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeRbacFile(rbac)));
    const counts = [
      plural(rbac.roles.length, 'role'),
      plural(rbac.privilegeGroups.length, 'privilegeGroup'),
      plural(rbac.grants.length, 'grant'),
      plural(rbac.userRoles.length, 'userBinding'),
    ].join(', ');
    target.log(`Exported the RBAC (${counts}) to ${uri.fsPath}.`);
    const open = vscode.l10n.t('Open');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Exported {counts} from {connection} to {file}. No passwords are in the file.', {
          counts,
          connection: target.profile.name,
          file: path.basename(uri.fsPath),
        }),
        open,
      )
      .then((choice) => {
        if (choice === open) void vscode.window.showTextDocument(uri);
      });
    return {
      file: uri.fsPath,
      roles: rbac.roles.length,
      privilegeGroups: rbac.privilegeGroups.length,
      grants: rbac.grants.length,
      userRoles: rbac.userRoles.length,
    };
  },

  [COMMANDS.applyRbac]: async (services, arg): Promise<RbacApplyResult> => {
    const target = await resolveActiveConnection(
      services,
      arg,
      vscode.l10n.t('Select the connection to apply the RBAC file to'),
    );
    const args = fileArgs(arg);
    const uri = await openLocation(target, args);
    const base = path.basename(uri.fsPath);
    const file = parseRbacFile(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)),
      await target.ruleProfile(),
    );
    const state = await target.run(vscode.l10n.t('Reading {0}…', target.profile.name), (api) =>
      readRbacDestination(api, file),
    );
    const plan = planRbacApply(file, state);
    const skipped = skippedText(plan.skippedUsers);
    if (plan.skippedUsers.length > 0) target.log(`RBAC file ${base}: ${skipped}`);
    if (plan.steps.length === 0) {
      target.log(`RBAC file ${base}: nothing to apply.`);
      void vscode.window.showInformationMessage(
        `${vscode.l10n.t('{connection} already has everything in {file}; nothing to apply.', { connection: target.profile.name, file: base })} ${skipped}`.trim(),
      );
      return { file: uri.fsPath, applied: [], skippedUsers: plan.skippedUsers };
    }
    if (args.confirm !== true) {
      await services.confirmations.require(
        vscode.l10n.t('Apply {changes} from "{file}" to "{connection}"?', {
          changes: plural(plan.steps.length, 'change'),
          file: base,
          connection: target.profile.name,
        }),
        `${vscode.l10n.t('It will {0}.', summary(plan.steps))}\n${bullets(plan.steps, SHOWN_STEPS)}\n${skipped ? `\n${skipped}` : ''}\n${vscode.l10n.t('Nothing is revoked or dropped.')}`,
        vscode.l10n.t('Apply'),
      );
    }
    let report: RbacApplyReport;
    try {
      report = await runPlan(target, plan, {
        title: vscode.l10n.t('Applying {file} to {connection}', { file: base, connection: target.profile.name }),
        action: vscode.l10n.t('Applying "{file}" to "{connection}"', { file: base, connection: target.profile.name }),
        logPrefix: `RBAC file ${base}`,
      });
    } finally {
      refreshFolders(services, target.profile.id, CTX.usersFolder, CTX.rolesFolder, CTX.privilegeGroupsFolder);
    }
    void vscode.window.showInformationMessage(
      `${vscode.l10n.t('Applied {file} to {connection}: {summary}.', { file: base, connection: target.profile.name, summary: summary(report.applied) })} ${skipped}`.trim(),
    );
    return { file: uri.fsPath, applied: report.applied.map(describeStep), skippedUsers: plan.skippedUsers };
  },
};
