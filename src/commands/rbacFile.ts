// "Export RBAC to File…" and "Apply RBAC from File…": copy roles, privilege groups, grants and role bindings between
// servers (staging → production). The work is in src/core (rbacFile, rbacFileParse, rbacApplyPlan, rbacSync); this file
// adds the dialogs, the confirmation, the progress and the messages.
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { serializeRbacFile } from '../core/rbacFile';
import { fileSafeName, serverModel } from '../rbacEditor/serverModel';
import { describeStep } from '../core/rbacApplyPlan';
import type { RbacPlanMode } from '../core/rbacPlanner';
import {
  applyFile,
  chooseMode,
  planFile,
  planText,
  plural,
  showPlan,
  type ApplyArgs,
  type RbacApplyResult,
} from './rbacApply';
import { rbacFileFor } from './rbacCompare';
import { COMMANDS } from './ids';
import type { ActiveConnection } from './activeConnection';
import { resolveActiveConnection } from './resolvers';
import { Cancelled } from './cancelled';
import type { CommandTable } from './registry';
import { isConnectionArgs } from './connectionArgs';

/** The programmatic argument: `{ id, file }` skips the file dialog, `confirm: true` the confirmation of an apply. */
export type RbacFileArgs = ApplyArgs;

export interface RbacExportResult {
  file: string;
  roles: number;
  privilegeGroups: number;
  grants: number;
  userRoles: number;
}

const JSON_FILTER = { 'RBAC file (JSON)': ['json'] };

/** What Show RBAC Plan returns: the plan document and its steps; nothing was sent. */
export interface RbacPlanResult {
  file: string;
  mode: RbacPlanMode;
  planDocument: string;
  steps: string[];
  leftOut: string[];
  skippedUsers: string[];
}

function fileArgs(arg: unknown): RbacFileArgs {
  return isConnectionArgs(arg) && !(arg instanceof vscode.Uri) ? (arg as RbacFileArgs) : {};
}

function defaultFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
}

async function saveLocation(target: ActiveConnection, args: RbacFileArgs): Promise<vscode.Uri> {
  if (args.file) return vscode.Uri.file(args.file);
  const name = `${fileSafeName(target.profile)}-rbac.json`;
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

export const rbacFileCommands: CommandTable = {
  [COMMANDS.exportRbac]: async (services, arg): Promise<RbacExportResult> => {
    const target = await resolveActiveConnection(services, arg, 'Select the connection to export the RBAC of');
    const args = fileArgs(arg);
    const rbac = await target.run(`Reading the RBAC of ${target.profile.name}…`, (api) =>
      serverModel(api, target.profile),
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
    const target = await resolveActiveConnection(
      services,
      arg instanceof vscode.Uri ? undefined : arg,
      'Select the connection to apply the RBAC file to',
    );
    const args = fileArgs(arg);
    const uri = arg instanceof vscode.Uri ? arg : await openLocation(target, args);
    return applyFile(services, target, uri, args, await chooseMode(arg, 'Apply RBAC from File'));
  },

  [COMMANDS.planRbac]: async (services, arg): Promise<RbacPlanResult> => {
    const target = await resolveActiveConnection(
      services,
      arg instanceof vscode.Uri ? undefined : arg,
      'Select the connection to plan the RBAC file for',
    );
    const uri = await rbacFileFor(target, arg, 'Plan');
    const mode = await chooseMode(arg, 'Show RBAC Plan');
    const planned = await planFile(target, uri, mode);
    const base = path.basename(planned.file.fsPath);
    const planDocument = await showPlan(services, `Plan: ${base} → ${target.profile.name} (${mode})`, [
      planText(planned),
    ]);
    return {
      file: planned.file.fsPath,
      mode,
      planDocument: planDocument.toString(),
      steps: planned.plan.steps.map(describeStep),
      leftOut: planned.plan.leftOut.map(({ step, reason }) => `${describeStep(step)}: ${reason}`),
      skippedUsers: planned.plan.skippedUsers,
    };
  },
};
