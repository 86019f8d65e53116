// "Show Snapshots" and "Restore This Snapshot": the local copies of a server's RBAC model kept before every apply and
// destructive tree action (src/rbacEditor/snapshots.ts). Restoring is an ordinary planned, confirmed apply of the
// snapshot's file.
import * as vscode from 'vscode';
import { MilvusError } from '../core/errors';
import type { Snapshot } from '../rbacEditor/snapshots';
import type { RbacPlanMode } from '../core/rbacPlanner';
import { applyFile, chooseMode, type RbacApplyResult } from './rbacApply';
import { compareWithFile } from './rbacCompare';
import { COMMANDS } from './ids';
import { Flow } from './multiStep';
import { resolveActiveConnection } from './resolvers';
import type { CommandTable } from './registry';
import type { Services } from './services';
import { isConnectionArgs, resolveConnection } from './connectionArgs';

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
    const flow = new Flow('Show Snapshots', 2);
    const profile = await resolveConnection(services, arg, undefined, 'Select the connection', flow);
    const snapshots = await services.rbacEditor.snapshots.list(profile.id);
    if (snapshotArgs(arg).list === true) return snapshots.map(info);
    if (snapshots.length === 0) {
      void vscode.window.showInformationMessage(
        `No snapshot of ${profile.name} yet: one is kept before every apply, drop role and revoke.`,
      );
      return [];
    }
    const chosen = await flow.pick({
      placeholder: `Snapshots of ${profile.name}, newest first: select one`,
      items: snapshots.map((s) => ({
        label: `$(history) ${new Date(s.takenAt).toLocaleString()}`,
        description: s.reason,
        value: s,
      })),
    });
    const action = await flow.pick({
      placeholder: 'What to do with this snapshot',
      items: [
        { label: '$(go-to-file) Open', value: 'open' },
        { label: '$(diff) Compare with Server', value: 'compare' },
        {
          label: '$(history) Restore This Snapshot…',
          detail: 'A planned apply, confirmed before anything is sent.',
          value: 'restore',
        },
      ],
    });
    if (action === 'open') await vscode.window.showTextDocument(chosen.file, { preview: false });
    else if (action === 'compare')
      await compareWithFile(services, await resolveActiveConnection(services, { id: profile.id }), chosen.file);
    else
      await restore(services, profile.id, chosen.file.fsPath, {
        mode: await chooseMode(undefined, 'Restore RBAC Snapshot', true),
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
    if (!known) throw new MilvusError('invalidInput', 'This snapshot no longer exists.');
    return restore(services, args.id, args.snapshot, args);
  },
};
