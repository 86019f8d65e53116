// "Show Snapshots" and "Restore This Snapshot": the local copies of a server's RBAC model kept before every apply and
// destructive tree action (src/rbacEditor/snapshots.ts). Restoring is an ordinary planned, confirmed apply of the
// snapshot's file.
import * as vscode from 'vscode';
import { MilvusError } from '../../core/errors/milvusError';
import type { Snapshot } from '../../rbacEditor/snapshots';
import type { RbacPlanMode } from '../../core/rbac/planner';
import { applyFile, chooseMode, type RbacApplyResult } from './apply';
import { compareWithFile } from './compare';
import { COMMANDS } from '../kit/ids';
import { Flow } from '../kit/multiStep';
import { resolveActiveConnection } from '../kit/resolvers';
import type { CommandTable } from '../kit/registry';
import type { Services } from '../kit/services';
import { connectionGiven, isConnectionArgs, resolveConnection } from '../kit/connectionArgs';

/** `{ id, list: true }` returns the snapshots without showing them; `{ id, snapshot }` names one to restore. */
export interface SnapshotArgs {
  id?: string;
  list?: boolean;
  /** restoreSnapshot: the snapshot's file path. */
  snapshot?: string;
  /** restoreSnapshot: skip the confirmation (tests). */
  confirm?: boolean;
  /** restoreSnapshot: additive (the default here) or exact; from Show RBAC Snapshots it is asked. */
  mode?: RbacPlanMode;
}

export interface SnapshotInfo {
  file: string;
  takenAt: string;
  reason: string;
}

function snapshotArgs(arg: unknown): SnapshotArgs {
  return isConnectionArgs(arg) ? (arg as SnapshotArgs) : {};
}

const info = (s: Snapshot): SnapshotInfo => ({ file: s.file.fsPath, takenAt: s.takenAt, reason: s.reason });

async function restore(services: Services, id: string, snapshot: string, args: SnapshotArgs): Promise<RbacApplyResult> {
  const target = await resolveActiveConnection(services, { id });
  const mode = args.mode ?? 'additive';
  return applyFile(services, target, vscode.Uri.file(snapshot), { confirm: args.confirm, restore: true }, mode);
}

export const rbacSnapshotCommands: CommandTable = {
  [COMMANDS.showSnapshots]: async (services, arg): Promise<SnapshotInfo[]> => {
    // The connection, the snapshot, what to do with it.
    const flow = new Flow(vscode.l10n.t('Show RBAC Snapshots'), (connectionGiven(arg) ? 0 : 1) + 2);
    const picked = await flow.run(async () => {
      const profile = await resolveConnection(services, arg, undefined, vscode.l10n.t('Select the connection'), flow);
      const snapshots = await services.rbacEditor.snapshots.list(profile.id);
      if (snapshotArgs(arg).list === true || snapshots.length === 0) return { profile, snapshots };
      const chosen = await flow.pick({
        placeholder: vscode.l10n.t('Snapshots of {connection}, newest first: select one', { connection: profile.name }),
        items: snapshots.map((s) => ({
          label: `$(history) ${new Date(s.takenAt).toLocaleString(vscode.env.language)}`,
          description: s.reason,
          value: s,
        })),
      });
      const action = await flow.pick({
        placeholder: vscode.l10n.t('What to do with this snapshot'),
        items: [
          { label: vscode.l10n.t('$(go-to-file) Open'), value: 'open' },
          { label: vscode.l10n.t('$(diff) Compare with Server'), value: 'compare' },
          {
            label: vscode.l10n.t('$(history) Restore This Snapshot…'),
            detail: vscode.l10n.t('A planned apply, confirmed before anything is sent.'),
            value: 'restore',
          },
        ],
      });
      return { profile, snapshots, chosen, action };
    });
    const { profile, snapshots, chosen, action } = picked;
    if (snapshotArgs(arg).list === true) return snapshots.map(info);
    if (!chosen) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No snapshot of {connection} yet: one is kept before every apply, drop role and revoke.', {
          connection: profile.name,
        }),
      );
      return [];
    }
    if (action === 'open') await vscode.window.showTextDocument(chosen.file, { preview: false });
    else if (action === 'compare')
      await compareWithFile(services, await resolveActiveConnection(services, { id: profile.id }), chosen.file);
    else
      await restore(services, profile.id, chosen.file.fsPath, {
        mode: await chooseMode(undefined, vscode.l10n.t('Restore RBAC Snapshot'), true),
      });
    return snapshots.map(info);
  },

  [COMMANDS.restoreSnapshot]: async (services, arg): Promise<RbacApplyResult | SnapshotInfo[] | undefined> => {
    const args = snapshotArgs(arg);
    if (!args.id || !args.snapshot) {
      // From the palette: the same steps as Show Snapshots.
      return vscode.commands.executeCommand<SnapshotInfo[] | undefined>(
        COMMANDS.showSnapshots,
        args.id ? { id: args.id } : undefined,
      );
    }
    const known = (await services.rbacEditor.snapshots.list(args.id)).some((s) => s.file.fsPath === args.snapshot);
    if (!known) throw new MilvusError('invalidInput', vscode.l10n.t('This snapshot no longer exists.'));
    return restore(services, args.id, args.snapshot, args);
  },
};
