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
const JSON_FILTER = { 'RBAC file (JSON)': ['json'] };

function fileArgs(arg: unknown): RbacFileArgs {
  return isConnectionArgs(arg) ? (arg as RbacFileArgs) : {};
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

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
    filters: JSON_FILTER,
    saveLabel: 'Export',
    title: `Export the RBAC of ${target.profile.name}`,
  });
  if (!picked) throw new Cancelled();
  return picked;
}

async function openLocation(target: ActiveConnection, args: RbacFileArgs): Promise<vscode.Uri> {
  if (args.file) return vscode.Uri.file(args.file);
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: defaultFolder(),
    filters: JSON_FILTER,
    openLabel: 'Apply',
    title: `Apply an RBAC file to ${target.profile.name}`,
  });
  if (!picked?.[0]) throw new Cancelled();
  return picked[0];
}

function bullets(steps: readonly RbacApplyStep[], max: number): string {
  const lines = steps.slice(0, max).map((s) => `• ${describeStep(s)}`);
  if (steps.length > max) lines.push(`• …and ${steps.length - max} more`);
  return lines.join('\n');
}

function summary(steps: readonly RbacApplyStep[]): string {
  const c = countSteps(steps);
  const parts = [
    c.createGroup > 0 ? `create ${plural(c.createGroup, 'privilege group')}` : '',
    c.createRole > 0 ? `create ${plural(c.createRole, 'role')}` : '',
    c.addGroupPrivileges > 0 ? `add privileges to ${plural(c.addGroupPrivileges, 'group')}` : '',
    c.grant > 0 ? `add ${plural(c.grant, 'grant')}` : '',
    c.bindRole > 0 ? `add ${plural(c.bindRole, 'role binding')}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function skippedText(users: readonly string[]): string {
  return users.length === 0
    ? ''
    : `Skipped ${plural(users.length, 'user')} missing on this server (users and passwords are not copied): ${users.join(', ')}.`;
}

export const rbacFileCommands: CommandTable = {
  [COMMANDS.exportRbac]: async (services, arg): Promise<RbacExportResult> => {
    const target = await resolveActiveConnection(services, arg, 'Select the connection to export the RBAC of');
    const args = fileArgs(arg);
    const rbac = await target.run(`Reading the RBAC of ${target.profile.name}…`, (api) =>
      exportRbac(api, sourceAddress(target.profile.uri)),
    );
    const uri = await saveLocation(target, args);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeRbacFile(rbac)));
    const counts = `${plural(rbac.roles.length, 'role')}, ${plural(rbac.privilegeGroups.length, 'privilege group')}, ${plural(rbac.grants.length, 'grant')}, ${plural(rbac.userRoles.length, 'user binding')}`;
    target.log(`Exported the RBAC (${counts}) to ${uri.fsPath}.`);
    void vscode.window
      .showInformationMessage(
        `Exported ${counts} from ${target.profile.name} to ${path.basename(uri.fsPath)}. No passwords are in the file.`,
        'Open',
      )
      .then((choice) => {
        if (choice === 'Open') void vscode.window.showTextDocument(uri);
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
    const target = await resolveActiveConnection(services, arg, 'Select the connection to apply the RBAC file to');
    const args = fileArgs(arg);
    const uri = await openLocation(target, args);
    const base = path.basename(uri.fsPath);
    const file = parseRbacFile(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)),
      await target.ruleProfile(),
    );
    const state = await target.run(`Reading ${target.profile.name}…`, (api) => readRbacDestination(api, file));
    const plan = planRbacApply(file, state);
    const skipped = skippedText(plan.skippedUsers);
    if (plan.skippedUsers.length > 0) target.log(`RBAC file ${base}: ${skipped}`);
    if (plan.steps.length === 0) {
      target.log(`RBAC file ${base}: nothing to apply.`);
      void vscode.window.showInformationMessage(
        `${target.profile.name} already has everything in ${base}; nothing to apply. ${skipped}`.trim(),
      );
      return { file: uri.fsPath, applied: [], skippedUsers: plan.skippedUsers };
    }
    if (args.confirm !== true) {
      await services.confirmations.require(
        `Apply ${plural(plan.steps.length, 'change')} from "${base}" to "${target.profile.name}"?`,
        `It will ${summary(plan.steps)}.\n${bullets(plan.steps, SHOWN_STEPS)}\n${skipped ? `\n${skipped}` : ''}\nNothing is revoked or dropped.`,
        'Apply',
      );
    }
    let report: RbacApplyReport;
    try {
      report = await runPlan(target, plan, {
        title: `Applying ${base} to ${target.profile.name}`,
        action: `Applying "${base}" to "${target.profile.name}"`,
        logPrefix: `RBAC file ${base}`,
      });
    } finally {
      refreshFolders(services, target.profile.id, CTX.usersFolder, CTX.rolesFolder, CTX.privilegeGroupsFolder);
    }
    void vscode.window.showInformationMessage(
      `Applied ${base} to ${target.profile.name}: ${summary(report.applied)}. ${skipped}`.trim(),
    );
    return { file: uri.fsPath, applied: report.applied.map(describeStep), skippedUsers: plan.skippedUsers };
  },
};
