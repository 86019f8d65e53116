import * as vscode from 'vscode';
import { MilvusError, errorMessage } from '../../core/errors/milvusError';
import type { ConnectionProfile, ServerInfo } from '../../core/types';
import type { ProfileInput } from '../../storage/profileStore';
import { secretInMemory } from '../../storage/secretVault';
import { ConnectionNode } from '../../tree/nodes/connectionNode';
import { TreeNode } from '../../tree/nodes/treeNode';
import { openConnectionForm, type ConnectionDraft } from '../../webview/connectionForm';
import { takenConnectionName } from '../../webview/connectionModel';
import { describeServer } from '../../core/milvus/describe';
import { saveConnection, testDraft, type ConnectionInput } from './save';
import { COMMANDS } from '../kit/ids';
import { connectWithProgress, withCancellableProgress } from '../kit/progress';
import type { CommandTable } from '../kit/registry';
import type { Services } from '../kit/services';
import { isConnectionArgs, resolveConnection } from '../kit/connectionArgs';

function inputFromDraft(draft: ConnectionDraft): ConnectionInput {
  return { profile: draft.profile as ProfileInput, secret: draft.secret };
}

/** Opens the connection form; resolves with the saved profile, or undefined when the panel closes unsaved. */
function openForm(
  services: Services,
  title: string,
  profile: ConnectionProfile | undefined,
  hasStoredSecret: boolean,
): Promise<ConnectionProfile | undefined> {
  return new Promise((resolve) => {
    let saved: ConnectionProfile | undefined;
    const otherNames = services.profiles
      .list()
      .filter((p) => p.id !== profile?.id)
      .map((p) => p.name);
    const panel = openConnectionForm(
      services.context,
      { title, profile, hasStoredSecret, otherNames },
      {
        test: async (draft) => describeServer(await testDraft(services, inputFromDraft(draft))),
        save: async (draft) => {
          saved = await saveConnection(services, inputFromDraft(draft));
        },
        log: (message) => services.log.warn(message),
      },
    );
    panel.onDidDispose(() => resolve(saved));
  });
}

/** Whether the form may offer "leave empty to keep"; an answer typed for an ask-on-connect connection is not stored. */
async function hasSecret(services: Services, profile: ConnectionProfile): Promise<boolean> {
  return (
    profile.auth !== 'none' && !profile.askSecret && (await services.vault.has(profile.id, secretInMemory(profile)))
  );
}

function copyName(services: Services, name: string): string {
  const taken = services.profiles.list().map((p) => p.name);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? vscode.l10n.t('{0} (copy)', name) : vscode.l10n.t('{name} (copy {n})', { name, n });
    if (!takenConnectionName(candidate, taken)) return candidate;
  }
}

async function revealExpanded(services: Services, id: string): Promise<void> {
  const node = services.tree.connectionNode(id);
  if (node && services.treeView?.visible)
    await services.treeView.reveal(node, { expand: true, select: true, focus: false }).then(undefined, () => undefined);
}

/**
 * Refresh first asks each connected connection's server whether it still answers (a short health check), so a dead
 * server shows as unreachable at once; an unreachable connection connects again.
 */
async function checkHealth(services: Services, ids: readonly string[]): Promise<void> {
  const checks = ids.map((id) => services.connections.checkHealth(id, true));
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking Milvus connections') },
    () => Promise.all(checks),
  );
}

export const connectionCommands: CommandTable = {
  [COMMANDS.addConnection]: async (services, arg): Promise<ConnectionProfile | undefined> => {
    if (isConnectionArgs(arg) && arg.profile) {
      return saveConnection(services, {
        profile: { ...(arg.profile as ProfileInput), id: undefined },
        secret: arg.secret,
      });
    }
    return openForm(services, vscode.l10n.t('Add Milvus Connection'), undefined, false);
  },

  [COMMANDS.editConnection]: async (services, arg): Promise<ConnectionProfile | undefined> => {
    const profile = await resolveConnection(services, arg, undefined, vscode.l10n.t('Select the connection to edit'));
    if (isConnectionArgs(arg) && (arg.profile || arg.secret)) {
      return saveConnection(services, {
        profile: { ...profile, ...(arg.profile ?? {}), id: profile.id } as ProfileInput,
        secret: arg.secret,
      });
    }
    return openForm(services, vscode.l10n.t('Edit {0}', profile.name), profile, await hasSecret(services, profile));
  },

  [COMMANDS.duplicateConnection]: async (services, arg): Promise<ConnectionProfile> => {
    const source = await resolveConnection(
      services,
      arg,
      undefined,
      vscode.l10n.t('Select the connection to duplicate'),
    );
    const secret = source.auth === 'none' ? undefined : await services.vault.get(source.id, secretInMemory(source));
    const name = isConnectionArgs(arg) && arg.name ? arg.name : copyName(services, source.name);
    return saveConnection(services, { profile: { ...source, id: undefined, name }, secret: secret ?? {} });
  },

  [COMMANDS.removeConnection]: async (services, arg): Promise<boolean> => {
    const profile = await resolveConnection(services, arg, undefined, vscode.l10n.t('Select the connection to remove'));
    const confirmed = isConnectionArgs(arg) && arg.confirm === true;
    if (!confirmed) {
      const detail =
        profile.auth === 'none' || profile.askSecret
          ? undefined
          : vscode.l10n.t('Its stored password or token is deleted too. Nothing changes on the server.');
      await services.confirmations.requireDestructive(
        vscode.l10n.t('Remove the connection "{0}"?', profile.name),
        detail,
        vscode.l10n.t('Remove'),
        vscode.l10n.t('Keep Connection'),
      );
    }
    await services.connections.disconnect(profile.id, false);
    await services.profiles.remove(profile.id);
    try {
      if (secretInMemory(profile)) services.vault.forget(profile.id);
      else await services.vault.delete(profile.id);
    } catch (error) {
      services.log.warn(
        `Connection "${profile.name}" removed, but its secret could not be deleted: ${errorMessage(error)}`,
      );
      throw new MilvusError(
        'invalidInput',
        vscode.l10n.t('Connection "{name}" removed, but its stored secret could not be deleted: {reason}', {
          name: profile.name,
          reason: errorMessage(error),
        }),
      );
    }
    services.log.info(`Removed connection "${profile.name}" and its secret.`);
    return true;
  },

  [COMMANDS.connect]: async (services, arg): Promise<ServerInfo> => {
    const profile = await resolveConnection(
      services,
      arg,
      (p) => !services.connections.isConnected(p.id),
      vscode.l10n.t('Select the connection to open'),
    );
    services.connections.clearFailure(profile.id);
    const api = await connectWithProgress(services, profile);
    if (!isConnectionArgs(arg)) await revealExpanded(services, profile.id);
    return api.info;
  },

  [COMMANDS.disconnect]: async (services, arg): Promise<void> => {
    const profile = await resolveConnection(
      services,
      arg,
      (p) => services.connections.isConnected(p.id),
      vscode.l10n.t('Select the connection to close'),
    );
    await services.connections.disconnect(profile.id, true);
  },

  [COMMANDS.testConnection]: async (services, arg): Promise<ServerInfo> => {
    const profile = await resolveConnection(services, arg, undefined, vscode.l10n.t('Select the connection to test'));
    const info = await withCancellableProgress(vscode.l10n.t('Testing {0}…', profile.name), () =>
      testDraft(services, { profile }),
    );
    void vscode.window.showInformationMessage(`${profile.name}: ${describeServer(info)}`);
    return info;
  },

  [COMMANDS.refresh]: async (services, arg): Promise<void> => {
    const node =
      arg instanceof TreeNode
        ? arg
        : isConnectionArgs(arg) && arg.id
          ? services.tree.connectionNode(arg.id)
          : undefined;
    // A folder or role refetches with its one listing RPC, which reports a dead server by itself.
    if (!node)
      await checkHealth(
        services,
        services.profiles.list().map((p) => p.id),
      );
    else if (node instanceof ConnectionNode) await checkHealth(services, [node.connectionId]);
    services.tree.refresh(node);
  },

  [COMMANDS.showMore]: (services, arg): void => {
    if (arg instanceof TreeNode && arg.parent) services.tree.showMore({ owner: arg.parent });
  },

  [COMMANDS.showLog]: (services): void => {
    services.log.show();
  },
};
