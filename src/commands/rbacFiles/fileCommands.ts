// "Export RBAC to File…" and "Apply RBAC from File…": copy roles, privilege groups, grants and role bindings between
// servers (staging → production). The work is in src/core (rbacFile, rbacFileParse, rbacApplyPlan, rbacSync); this file
// adds the dialogs, the confirmation, the progress and the messages.
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { rbacFileCounts, serializeRbacFile } from '../../core/rbac/file';
import { leftOutLine } from '../../core/rbac/planRender';
import { fileSafeName, serverModel } from '../../rbacEditor/serverModel';
import { RBAC_FILE_SUFFIX } from '../../rbacEditor/rbacDiagnostics';
import { describeStep } from '../../core/rbac/steps';
import type { RbacPlanMode } from '../../core/rbac/planner';
import {
  applyFile,
  chooseMode,
  planFile,
  modeAsked,
  modeName,
  planText,
  showPlan,
  type ApplyArgs,
  type RbacApplyResult,
} from './apply';
import { rbacFileFor } from './compare';
import { COMMANDS } from '../kit/ids';
import type { ActiveConnection } from '../kit/activeConnection';
import { resolveActiveConnection } from '../kit/resolvers';
import { Cancelled } from '../kit/cancelled';
import type { CommandTable } from '../kit/registry';
import type { Services } from '../kit/services';
import { connectionGiven, isConnectionArgs } from '../kit/connectionArgs';
import { Flow } from '../kit/multiStep';

/** The programmatic argument: `{ id, file }` skips the file dialog, `confirm: true` the confirmation of an apply. */
export type RbacFileArgs = ApplyArgs;

export interface RbacExportResult {
  file: string;
  roles: number;
  privilegeGroups: number;
  grants: number;
  userRoles: number;
}

const jsonFilter = (): Record<string, string[]> => ({ [vscode.l10n.t('RBAC file (JSON)')]: ['json'] });

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
  const name = `${fileSafeName(target.profile)}${RBAC_FILE_SUFFIX}`;
  const picked = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(defaultFolder(), name),
    filters: jsonFilter(),
    saveLabel: vscode.l10n.t('Export'),
    title: vscode.l10n.t('Export the RBAC of {connection}', { connection: target.profile.name }),
  });
  if (!picked) throw new Cancelled();
  return picked;
}

async function openLocation(target: ActiveConnection, args: RbacFileArgs): Promise<vscode.Uri> {
  if (args.file) return vscode.Uri.file(args.file);
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: defaultFolder(),
    filters: jsonFilter(),
    openLabel: vscode.l10n.t('Apply'),
    title: vscode.l10n.t('Apply an RBAC file to {connection}', { connection: target.profile.name }),
  });
  if (!picked?.[0]) throw new Cancelled();
  return picked[0];
}

/**
 * The connection and mode steps of Apply RBAC from File and Show RBAC Plan, with the file (a dialog, not a step) in
 * between: Back to the connection asks for the file again only when another connection is picked.
 */
async function fileFlow(
  services: Services,
  arg: unknown,
  title: string,
  connectionStep: string,
  fileOf: (target: ActiveConnection) => Promise<vscode.Uri>,
): Promise<{ target: ActiveConnection; uri: vscode.Uri; mode: RbacPlanMode }> {
  const connectionArg = arg instanceof vscode.Uri ? undefined : arg;
  const flow = new Flow(title, (connectionGiven(connectionArg) ? 0 : 1) + (modeAsked(arg) ? 1 : 0));
  let file: { id: string; uri: vscode.Uri } | undefined;
  return flow.run(async () => {
    const target = await resolveActiveConnection(services, connectionArg, connectionStep, flow);
    if (file?.id !== target.profile.id) file = { id: target.profile.id, uri: await fileOf(target) };
    return { target, uri: file.uri, mode: await chooseMode(arg, flow) };
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
    const rbac = await target.run(
      vscode.l10n.t('Reading the RBAC of {connection}…', { connection: target.profile.name }),
      (api) => serverModel(api, target.profile),
    );
    const uri = await saveLocation(target, args);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeRbacFile(rbac)));
    const counts = rbacFileCounts(rbac);
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
    const args = fileArgs(arg);
    const { target, uri, mode } = await fileFlow(
      services,
      arg,
      vscode.l10n.t('Apply RBAC from File'),
      vscode.l10n.t('Select the connection to apply the RBAC file to'),
      (target) => (arg instanceof vscode.Uri ? Promise.resolve(arg) : openLocation(target, args)),
    );
    return applyFile(services, target, uri, args, mode);
  },

  [COMMANDS.planRbac]: async (services, arg): Promise<RbacPlanResult> => {
    const { target, uri, mode } = await fileFlow(
      services,
      arg,
      vscode.l10n.t('Show RBAC Plan'),
      vscode.l10n.t('Select the connection to plan the RBAC file for'),
      (target) => rbacFileFor(target, arg, vscode.l10n.t('Plan')),
    );
    const planned = await planFile(target, uri, mode);
    const title = vscode.l10n.t('Plan: {file} → {connection} ({mode})', {
      file: path.basename(planned.file.fsPath),
      connection: target.profile.name,
      mode: modeName(mode),
    });
    const planDocument = await showPlan(services, title, [planText(planned)]);
    return {
      file: planned.file.fsPath,
      mode,
      planDocument: planDocument.toString(),
      steps: planned.plan.steps.map(describeStep),
      leftOut: planned.plan.leftOut.map(leftOutLine),
      skippedUsers: planned.plan.skippedUsers,
    };
  },
};
