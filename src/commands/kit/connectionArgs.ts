import * as vscode from 'vscode';
import { stateLabel } from '../../connections/stateLabels';
import { MilvusError } from '../../core/errors/milvusError';
import type { ConnectionProfile, ConnectionSecret } from '../../core/types';
import type { ProfileInput } from '../../storage/profileStore';
import { TreeNode } from '../../tree/nodes/treeNode';
import { Flow } from './multiStep';
import type { Services } from './services';

/**
 * The programmatic argument of the connection commands (tests, other commands). From a menu the argument is the
 * tree node instead; from the palette there is none and the user picks.
 *   { id }                              the connection to act on
 *   { id, confirm: true }               skip the modal confirmation (removeConnection)
 *   { profile, secret? }                addConnection without the form
 *   { id, profile?, secret? }           editConnection without the form (fields given replace the saved ones)
 *   { id, name? }                       duplicateConnection (name of the copy)
 */
export interface ConnectionArgs {
  id?: string;
  confirm?: boolean;
  profile?: Partial<ProfileInput>;
  secret?: ConnectionSecret;
  name?: string;
}

export function isConnectionArgs(value: unknown): value is ConnectionArgs {
  return typeof value === 'object' && value !== null && !(value instanceof TreeNode);
}

/** Whether the connection comes from the node or `{ id }` (no step), rather than a picker. */
export function connectionGiven(arg: unknown): boolean {
  return arg instanceof TreeNode || (isConnectionArgs(arg) && arg.id !== undefined);
}

/**
 * The connection a command acts on: from the node, from `{ id }`, or picked from the saved ones, as a step of `flow`
 * (its placeholder says it asks for the connection; the flow's title says what for).
 */
export async function resolveConnection(
  services: Services,
  arg: unknown,
  filter: (profile: ConnectionProfile) => boolean = () => true,
  placeHolder = vscode.l10n.t('Select the connection'),
  flow: Flow = new Flow(undefined),
): Promise<ConnectionProfile> {
  const id = arg instanceof TreeNode ? arg.connectionId : isConnectionArgs(arg) ? arg.id : undefined;
  if (id !== undefined) {
    const profile = services.profiles.get(id);
    if (!profile) throw new MilvusError('invalidInput', vscode.l10n.t('This connection no longer exists.'));
    return profile;
  }
  const candidates = services.profiles.list().filter(filter);
  if (candidates.length === 0) {
    throw new MilvusError(
      'invalidInput',
      services.profiles.list().length === 0
        ? vscode.l10n.t('No Milvus connection yet: add one first.')
        : vscode.l10n.t('No connection fits this action.'),
    );
  }
  return flow.pick({
    placeholder: placeHolder,
    items: candidates.map((profile) => ({
      label: profile.name,
      description: connectionRowDescription(services, profile),
      detail: stateLabel(services.connections.status(profile.id).state),
      value: profile,
    })),
  });
}

/**
 * What a connection picker row says beside the name: who it logs in as, where, on which server (`alice@db1 ·
 * http://host:19530`), so two connections to one server are told apart.
 */
export function connectionRowDescription(services: Services, profile: ConnectionProfile): string {
  const info = services.connections.status(profile.id).info;
  const user =
    info?.user ??
    (profile.auth === 'password' && profile.username
      ? profile.username
      : profile.auth === 'token'
        ? vscode.l10n.t('token')
        : vscode.l10n.t('anonymous'));
  return `${user}@${info?.database ?? profile.database} · ${profile.uri}`;
}
