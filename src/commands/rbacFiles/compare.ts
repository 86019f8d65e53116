// "Compare with Server" and "Compare Two Connections": VS Code's diff editor, a server's model (read-only, the
// canonical serialisation of Export RBAC to File) against an RBAC file, or two servers against each other.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { isRbacDocument, RBAC_FILE_SUFFIX } from '../../rbacEditor/rbacDiagnostics';
import { MilvusError } from '../../core/errors/milvusError';
import type { DriftState } from '../../rbacEditor/driftMonitor';
import { LINKS_SETTING, linkedFile } from '../../rbacEditor/links';
import { TreeNode } from '../../tree/nodes/treeNode';
import { serverModel } from '../../rbacEditor/serverModel';
import { COMMANDS } from '../kit/ids';
import type { ActiveConnection } from '../kit/activeConnection';
import { resolveActiveConnection } from '../kit/resolvers';
import { Cancelled } from '../kit/cancelled';
import type { CommandTable } from '../kit/registry';
import type { Services } from '../kit/services';
import { connectionGiven, isConnectionArgs, resolveConnection } from '../kit/connectionArgs';
import { Flow } from '../kit/multiStep';

/** `{ id, file }` skips the pickers (tests, other commands); `otherId` is the right side of Compare Two Connections. */
export interface CompareArgs {
  id?: string;
  file?: string;
  otherId?: string;
}

/** The two sides opened, as URI strings. */
export interface CompareResult {
  left: string;
  right: string;
}

function compareArgs(arg: unknown): CompareArgs {
  return isConnectionArgs(arg) && !(arg instanceof vscode.Uri) ? (arg as CompareArgs) : {};
}

/** The file to compare: the menu's resource, `file`, the active RBAC editor, the connection's linked file, or picked. */
export async function rbacFileFor(target: ActiveConnection, arg: unknown, openLabel: string): Promise<vscode.Uri> {
  if (arg instanceof vscode.Uri) return arg;
  const given = compareArgs(arg).file;
  if (given) return vscode.Uri.file(given);
  const active = vscode.window.activeTextEditor?.document;
  if (active && isRbacDocument(active) && active.uri.scheme === 'file') return active.uri;
  const linked = linkedFile(target.profile);
  if (linked) return linked;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [vscode.l10n.t('RBAC file (JSON)')]: ['json'] },
    openLabel,
    title: vscode.l10n.t('{action}: the RBAC file for {connection}', {
      action: openLabel,
      connection: target.profile.name,
    }),
  });
  if (!picked?.[0]) throw new Cancelled();
  return picked[0];
}

/** The file's `exportedAt`, so that the server's side differs from it only where the model does. */
async function exportedAtOf(file: vscode.Uri): Promise<Date | undefined> {
  const text = (await vscode.workspace.openTextDocument(file)).getText();
  const root = parseTree(text);
  const value: unknown = root ? findNodeAtLocation(root, ['exportedAt'])?.value : undefined;
  const date = typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

async function serverSide(
  services: Services,
  target: ActiveConnection,
  at?: Date,
  fileText?: string,
): Promise<vscode.Uri> {
  const model = await target.run(
    vscode.l10n.t('Reading the RBAC of {connection}…', { connection: target.profile.name }),
    (api) => serverModel(api, target.profile, at),
  );
  return services.rbacEditor.documents.model(target.profile, model, fileText);
}

/** Opens the diff of a server's model (left) and `file` (right). */
export async function compareWithFile(
  services: Services,
  target: ActiveConnection,
  file: vscode.Uri,
): Promise<CompareResult> {
  const fileText = (await vscode.workspace.openTextDocument(file)).getText();
  const left = await serverSide(services, target, await exportedAtOf(file), fileText);
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const title = vscode.l10n.t('{connection} (server) ↔ {file}', { connection: target.profile.name, file: name });
  await vscode.commands.executeCommand('vscode.diff', left, file, title, { preview: false });
  return { left: left.toString(), right: file.toString() };
}

export const rbacCompareCommands: CommandTable = {
  /** `{ id }` checks that connection; without it, every connected connection that is linked to a file. */
  [COMMANDS.checkDrift]: async (services, arg): Promise<DriftState[]> => {
    const id = compareArgs(arg).id ?? (arg instanceof TreeNode ? arg.connectionId : undefined);
    const ids = id
      ? [id]
      : services.profiles
          .list()
          .filter((p) => linkedFile(p))
          .map((p) => p.id);
    if (ids.length === 0)
      throw new MilvusError(
        'invalidInput',
        vscode.l10n.t(
          'No connection is linked to an RBAC file: set "{setting}" in the workspace settings, e.g. {example}.',
          {
            setting: LINKS_SETTING,
            example: `{ "Prod": "rbac/prod${RBAC_FILE_SUFFIX}" }`,
          },
        ),
      );
    const states = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking RBAC drift…') },
      () => Promise.all(ids.map((i) => services.rbacEditor.drift.check(i))),
    );
    const checked = states.filter((s): s is DriftState => s !== undefined);
    // `{ id }` from another command or a test reports through its result; the palette and the menu get a message.
    if (compareArgs(arg).id === undefined) {
      const drifting = checked.filter((s) => s.status !== 'same').length;
      void vscode.window.showInformationMessage(
        checked.length === 0
          ? vscode.l10n.t('No linked connection is connected: connect one to check it.')
          : drifting === 0
            ? checked.length === 1
              ? vscode.l10n.t('No drift: the server matches its file.')
              : vscode.l10n.t('No drift: all {0} servers match their files.', checked.length)
            : vscode.l10n.t(
                '{drifting} of {count} linked connections differ from their files (see the tree and the status bar).',
                { drifting, count: checked.length },
              ),
      );
    }
    return checked;
  },

  [COMMANDS.compareWithServer]: async (services, arg): Promise<CompareResult> => {
    const target = await resolveActiveConnection(
      services,
      arg instanceof vscode.Uri ? undefined : arg,
      vscode.l10n.t('Select the connection to compare the file with'),
    );
    return compareWithFile(services, target, await rbacFileFor(target, arg, vscode.l10n.t('Compare')));
  },

  [COMMANDS.compareConnections]: async (services, arg): Promise<CompareResult> => {
    const otherId = compareArgs(arg).otherId;
    const flow = new Flow(
      vscode.l10n.t('Compare Two Connections'),
      (connectionGiven(arg) ? 0 : 1) + (otherId === undefined ? 1 : 0),
    );
    const { first, other } = await flow.run(async () => {
      const first = await resolveActiveConnection(
        services,
        arg,
        vscode.l10n.t('Select the first connection (left side, e.g. staging)'),
        flow,
      );
      const other = await resolveConnection(
        services,
        otherId === undefined ? undefined : { id: otherId },
        (p) => p.id !== first.profile.id,
        vscode.l10n.t('Select the connection to compare {connection} with (right side, e.g. production)', {
          connection: first.profile.name,
        }),
        flow,
      );
      return { first, other };
    });
    const second = await resolveActiveConnection(services, { id: other.id });
    const at = new Date();
    const left = await serverSide(services, first, at);
    const right = await serverSide(services, second, at);
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      `${first.profile.name} ↔ ${second.profile.name} (RBAC)`,
      { preview: false },
    );
    return { left: left.toString(), right: right.toString() };
  },
};
