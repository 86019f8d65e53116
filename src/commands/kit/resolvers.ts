import * as vscode from 'vscode';
import type { Flavor, Grant } from '../../core/types';
import { GrantNode } from '../../tree/nodes/grantNode';
import { PrivilegeGroupNode, PrivilegeNode } from '../../tree/nodes/privilegeGroupNode';
import { RoleNode } from '../../tree/nodes/roleNode';
import { TreeNode } from '../../tree/nodes/treeNode';
import { UserNode } from '../../tree/nodes/userNode';
import { ActiveConnection } from './activeConnection';
import { commandArgs, type GrantArgs, type GroupRef, type RoleRef, type UserRef } from './args';
import { connectionGiven, resolveConnection } from './connectionArgs';
import { Flow } from './multiStep';
import { pickCustomGroup, pickGrant, pickRole, pickUser, type NamePick } from './pickers';
import { connectWithProgress } from './progress';
import type { Services } from './services';

/**
 * What a command asks from the palette. `title` (the command's title) heads every step with a step counter, and
 * `placeholder` is the question of the user/role/group step; the connection step asks for the connection.
 */
export interface Ask {
  title?: string;
  placeholder: string;
  filter?: (name: string) => boolean;
  /** Names this connection's flavour never offers here (NamePick.hide). */
  hide?: (flavor: Flavor, name: string) => boolean;
  /** A destructive command: what is typed in the pickers matches names only. */
  destructive?: boolean;
  /** The command's flow when it asks more steps after this one; otherwise the resolver runs its own. */
  flow?: Flow;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The connection from a node, from `{ id }`, or picked (a step of `flow`); connected (with a notification) before it is returned. */
export async function resolveActiveConnection(
  services: Services,
  arg: unknown,
  placeHolder = vscode.l10n.t('Select the connection'),
  flow?: Flow,
): Promise<ActiveConnection> {
  const profile = await resolveConnection(services, arg, undefined, placeHolder, flow);
  if (!services.connections.isConnected(profile.id)) {
    services.connections.clearFailure(profile.id);
    await connectWithProgress(services, profile);
  }
  return new ActiveConnection(services, profile);
}

/**
 * The connection step, then the name step (unless `given`): counted in the flow's total before either shows. With a
 * flow of its own, Back on the name step returns to the connection.
 */
async function resolveNamed(
  services: Services,
  arg: unknown,
  ask: Ask,
  given: string | undefined,
  pick: (target: ActiveConnection, how: NamePick) => Promise<string>,
  check?: (target: ActiveConnection) => Promise<void>,
): Promise<{ target: ActiveConnection; name: string }> {
  const flow = ask.flow ?? new Flow(ask.title, 0);
  const body = async (): Promise<{ target: ActiveConnection; name: string }> => {
    flow.total += (connectionGiven(arg) ? 0 : 1) + (given === undefined ? 1 : 0);
    const connectionStep = ask.title
      ? vscode.l10n.t('Select the connection')
      : vscode.l10n.t('Select the connection (next: {0})', lowerFirst(ask.placeholder));
    const target = await resolveActiveConnection(services, arg, connectionStep, flow);
    await check?.(target);
    return {
      target,
      name:
        given ??
        (await pick(target, {
          flow,
          placeholder: ask.placeholder,
          filter: ask.filter,
          hide: ask.hide,
          destructive: ask.destructive,
        })),
    };
  };
  return ask.flow ? body() : flow.run(body);
}

function toAsk(ask: string | Ask, filter?: (name: string) => boolean): Ask {
  return typeof ask === 'string' ? { placeholder: ask, filter } : ask;
}

export async function resolveUser(
  services: Services,
  arg: unknown,
  ask: string | Ask,
  filter?: (user: string) => boolean,
): Promise<{ target: ActiveConnection; user: string }> {
  if (arg instanceof UserNode) return { target: await resolveActiveConnection(services, arg), user: arg.user.name };
  const { target, name } = await resolveNamed(
    services,
    arg,
    toAsk(ask, filter),
    commandArgs<UserRef>(arg).user,
    pickUser,
  );
  return { target, user: name };
}

export async function resolveRole(
  services: Services,
  arg: unknown,
  ask: string | Ask,
  filter?: (role: string) => boolean,
): Promise<{ target: ActiveConnection; role: string; node?: RoleNode }> {
  if (arg instanceof RoleNode)
    return { target: await resolveActiveConnection(services, arg), role: arg.role.name, node: arg };
  const { target, name } = await resolveNamed(
    services,
    arg,
    toAsk(ask, filter),
    commandArgs<RoleRef>(arg).role,
    pickRole,
  );
  return { target, role: name };
}

/** A custom privilege group from its node (or a privilege node inside it), `{ id, group }`, or a picker. */
export async function resolveGroup(
  services: Services,
  arg: unknown,
  ask: string | Ask,
): Promise<{ target: ActiveConnection; group: string; privilege?: string }> {
  if (arg instanceof PrivilegeGroupNode)
    return { target: await resolveActiveConnection(services, arg), group: arg.group.name };
  if (arg instanceof PrivilegeNode && arg.parent instanceof PrivilegeGroupNode) {
    return {
      target: await resolveActiveConnection(services, arg),
      group: arg.parent.group.name,
      privilege: arg.privilege,
    };
  }
  const requireGroups = (target: ActiveConnection): Promise<void> =>
    target.requireFeature('privilegeGroups', vscode.l10n.t('privilege groups'));
  const { target, name } = await resolveNamed(
    services,
    arg,
    toAsk(ask),
    commandArgs<GroupRef>(arg).group,
    pickCustomGroup,
    requireGroups,
  );
  return { target, group: name };
}

/** A grant to revoke: from a grant node (everything filled in), from args, or picked among the role's grants. */
export async function resolveGrant(
  services: Services,
  arg: unknown,
): Promise<{
  target: ActiveConnection;
  grant: Pick<Grant, 'role' | 'privilege' | 'dbName' | 'objectName'>;
  node?: TreeNode;
}> {
  if (arg instanceof GrantNode)
    return { target: await resolveActiveConnection(services, arg), grant: arg.grant, node: arg.section };
  const args = commandArgs<GrantArgs>(arg);
  if (args.role && args.privilege) {
    const target = await resolveActiveConnection(services, arg);
    return {
      target,
      grant: {
        role: args.role,
        privilege: args.privilege,
        dbName: args.dbName ?? '*',
        objectName: args.collectionName ?? '*',
      },
    };
  }
  const flow = new Flow(vscode.l10n.t('Revoke Privilege'), 1);
  return flow.run(async () => {
    const { target, role, node } = await resolveRole(services, arg, {
      title: flow.title,
      placeholder: vscode.l10n.t('Select the role to revoke a privilege from'),
      destructive: true,
      flow,
    });
    return { target, grant: await pickGrant(flow, target, role), node };
  });
}
