// Applying an RBAC file: parse it, read the target, plan, show the plan as a document, confirm, keep a snapshot, run.
// Used by Apply RBAC from File (one connection), Apply RBAC File to Connections (several) and Restore This Snapshot.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { countSteps, describeStep, planRbacApply, type RbacApplyPlan, type RbacApplyStep } from '../core/rbacApplyPlan';
import type { RbacFile } from '../core/rbacFile';
import { parseRbacFile } from '../core/rbacFileParse';
import { readRbacTarget, type RbacApplyReport } from '../core/rbacSync';
import { planMarkdown, type PlanSection } from '../rbacEditor/planDocument';
import { CTX } from '../tree/contextValues';
import { runPlan } from './planRunner';
import type { Target } from './rbacTargets';
import type { Services } from './services';
import { refreshFolders } from './treeRefresh';

/** The programmatic argument: `{ id, file }` skips the file dialog, `confirm: true` the confirmation. */
export interface ApplyArgs {
  id?: string;
  file?: string;
  confirm?: boolean;
  /** Restore This Snapshot: the messages say "restore" instead of "apply". */
  restore?: boolean;
}

export interface RbacApplyResult {
  file: string;
  /** The steps applied, described (empty when there was nothing to do). */
  applied: string[];
  /** Users in the file that do not exist on the target. */
  skippedUsers: string[];
  /** The plan document shown before anything was sent (its URI), when there was something to do. */
  planDocument?: string;
}

/** One connection's plan for one file. */
export interface Planned {
  target: Target;
  file: vscode.Uri;
  plan: RbacApplyPlan;
}

const SHOWN_STEPS = 12;

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function bullets(steps: readonly RbacApplyStep[], max: number): string {
  const lines = steps.slice(0, max).map((s) => `• ${describeStep(s)}`);
  if (steps.length > max) lines.push(`• …and ${steps.length - max} more`);
  return lines.join('\n');
}

export function summary(steps: readonly RbacApplyStep[]): string {
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

/** Parses the file for the target's rules (nothing is sent for a bad file). */
async function readFile(target: Target, uri: vscode.Uri): Promise<RbacFile> {
  return parseRbacFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), await target.ruleProfile());
}

/** Reads the target (reads only) and plans the file against it. */
export async function planFile(target: Target, uri: vscode.Uri): Promise<Planned> {
  const file = await readFile(target, uri);
  const state = await target.run(`Reading ${target.profile.name}…`, (api) => readRbacTarget(api, file));
  return { target, file: uri, plan: planRbacApply(file, state) };
}

export function planSection(planned: Planned): PlanSection {
  const { plan } = planned;
  return {
    heading: `${path.basename(planned.file.fsPath)} → ${planned.target.profile.name}`,
    plan,
    summary:
      plan.steps.length === 0
        ? 'The server already has everything in the file.'
        : `${plural(plan.steps.length, 'change')}: ${summary(plan.steps)}. Nothing is revoked or dropped.`,
  };
}

/** Opens the plan document beside the editor; nothing is sent. */
export async function showPlan(
  services: Services,
  title: string,
  sections: readonly PlanSection[],
): Promise<vscode.Uri> {
  const uri = services.rbacEditor.documents.plan(title, planMarkdown(title, sections));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  return uri;
}

/** Snapshot, run, refresh the tree and the drift mark. Rejects with what was applied and what was not. */
export async function runPlanned(services: Services, planned: Planned, verb: string): Promise<RbacApplyReport> {
  const { target } = planned;
  const base = path.basename(planned.file.fsPath);
  await target.snapshot(`before ${verb === 'Restoring' ? 'restoring a snapshot' : `applying ${base}`}`);
  try {
    return await runPlan(target, planned.plan, {
      title: `${verb} ${base} to ${target.profile.name}`,
      action: `${verb} "${base}" to "${target.profile.name}"`,
      logPrefix: `RBAC file ${base}`,
    });
  } finally {
    refreshFolders(services, target.profile.id, CTX.usersFolder, CTX.rolesFolder, CTX.privilegeGroupsFolder);
    void services.rbacEditor.drift.check(target.profile.id);
  }
}

/** The whole flow for one connection. */
export async function applyFile(
  services: Services,
  target: Target,
  uri: vscode.Uri,
  args: ApplyArgs,
): Promise<RbacApplyResult> {
  const base = path.basename(uri.fsPath);
  const planned = await planFile(target, uri);
  const { plan } = planned;
  const skipped = skippedText(plan.skippedUsers);
  if (plan.skippedUsers.length > 0) target.log(`RBAC file ${base}: ${skipped}`);
  if (plan.steps.length === 0) {
    target.log(`RBAC file ${base}: nothing to apply.`);
    void vscode.window.showInformationMessage(
      `${target.profile.name} already has everything in ${base}; nothing to apply. ${skipped}`.trim(),
    );
    return { file: uri.fsPath, applied: [], skippedUsers: plan.skippedUsers };
  }
  const verb = args.restore ? 'Restoring' : 'Applying';
  const planDocument = await showPlan(services, `Plan: ${base} → ${target.profile.name}`, [planSection(planned)]);
  if (args.confirm !== true) {
    await services.confirmations.require(
      `${args.restore ? 'Restore' : 'Apply'} ${plural(plan.steps.length, 'change')} from "${base}" to "${target.profile.name}"?`,
      `It will ${summary(plan.steps)}.\n${bullets(plan.steps, SHOWN_STEPS)}\n${skipped ? `\n${skipped}` : ''}\nNothing is revoked or dropped.`,
      args.restore ? 'Restore' : 'Apply',
    );
  }
  const report = await runPlanned(services, planned, verb);
  void vscode.window.showInformationMessage(
    `${args.restore ? 'Restored' : 'Applied'} ${base} to ${target.profile.name}: ${summary(report.applied)}. ${skipped}`.trim(),
  );
  return {
    file: uri.fsPath,
    applied: report.applied.map(describeStep),
    skippedUsers: plan.skippedUsers,
    planDocument: planDocument.toString(),
  };
}
