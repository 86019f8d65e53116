import type { AdminApi } from '../core/adminApi';
import { MilvusError } from '../core/errors';
import type { ConnectionProfile, FeatureSet, Grant, PrivilegeLevel, RuleProfileId } from '../core/types';
import { GrantNode } from '../tree/nodes/grantNode';
import { PrivilegeGroupNode, PrivilegeNode } from '../tree/nodes/privilegeGroupNode';
import { RoleNode } from '../tree/nodes/roleNode';
import { TreeNode } from '../tree/nodes/treeNode';
import { UserNode } from '../tree/nodes/userNode';
import type { Snapshot } from '../rbacEditor/snapshots';
import { Flow } from './multiStep';
import { pickCustomGroup, pickGrant, pickRole, pickUser, type NamePick } from './pickers';
import { connectWithProgress, withWriteProgress } from './progress';
import { errorMessage } from './registry';
import type { Services } from './services';
import { connectionGiven, isConnectionArgs, resolveConnection } from './connectionArgs';

/**
 * The programmatic argument of the user, role, privilege and privilege-group commands (tests, other commands). From a
 * menu the argument is the tree node; from the palette there is none and the user picks. See the test API comment in
 * src/extension.ts for which command reads which field.
 */
export interface RbacArgs {
  /** Connection id. */
  id?: string;
  user?: string;
  role?: string;
  group?: string;
  // createUser
  username?: string;
  password?: string;
  roles?: string[];
  description?: string;
  // changePassword: oldPassword for the user's own change, or reset: true for a superuser reset
  oldPassword?: string;
  newPassword?: string;
  reset?: boolean;
  /** changePassword: store the new password for the other saved connections that log in as the user (skips the question). */
  updateOtherConnections?: boolean;
  // grantPrivilege / revokePrivilege
  privilege?: string;
  level?: PrivilegeLevel;
  dbName?: string;
  collectionName?: string;
  // add/removePrivileges(To|From)Group, createPrivilegeGroup; grantPrivilege: several at once (a report per privilege)
  privileges?: string[];
  /** Skip the modal confirmation. */
  confirm?: boolean;
  /** Skip the second confirmation when dropping the user the connection logs in as. */
  confirmSelf?: boolean;
  /** duplicateRole: the name of the copy (skips the InputBox). */
  newRole?: string;
  /** dropRole: revoke the role's grants (or force-drop) when it has any. */
  revokeGrants?: boolean;
}

export function rbacArgs(arg: unknown): RbacArgs {
  return isConnectionArgs(arg) ? (arg as RbacArgs) : {};
}

/** A connection a command acts on, connected. */
export class ActiveConnection {
  private featureSet: Promise<FeatureSet> | undefined;

  constructor(
    readonly services: Services,
    readonly profile: ConnectionProfile,
  ) {}

  /** The user this connection logs in as (undefined without authentication). */
  get loginUser(): string | undefined {
    return (
      this.services.connections.status(this.profile.id).info?.user ??
      (this.profile.auth === 'password' ? this.profile.username : undefined)
    );
  }

  /** One step against the server under a progress notification. A lost connection is reopened by the next step. */
  async run<T>(title: string, action: (api: AdminApi) => Promise<T>): Promise<T> {
    return withWriteProgress(title, () => this.services.connections.run(this.profile.id, action));
  }

  /** A quick read, without a notification (pickers show their own busy state). */
  read<T>(action: (api: AdminApi) => Promise<T>): Promise<T> {
    return this.services.connections.run(this.profile.id, action);
  }

  features(): Promise<FeatureSet> {
    this.featureSet ??= this.read((api) => api.features());
    return this.featureSet;
  }

  ruleProfile(): Promise<RuleProfileId> {
    return this.read(async (api) => api.ruleProfile);
  }

  /** Throws a clear refusal when the server lacks a feature (the menus already hide it). */
  async requireFeature(feature: keyof FeatureSet, what: string): Promise<void> {
    const features = await this.features().catch(() => undefined);
    if (features && !features[feature]) {
      throw new MilvusError(
        'unimplemented',
        `"${this.profile.name}" (Milvus ${this.services.connections.status(this.profile.id).info?.version ?? 'unknown version'}) does not support ${what}. It needs a newer Milvus.`,
      );
    }
  }

  log(message: string): void {
    this.services.log.info(`${message} [${this.profile.name}]`);
  }

  /**
   * Keeps a local snapshot of the server's RBAC model before a change (the safety net). A snapshot that cannot be
   * taken is logged and does not stop the change the user has already confirmed.
   */
  async snapshot(reason: string): Promise<Snapshot | undefined> {
    try {
      const snapshot = await this.read((api) => this.services.rbacEditor.snapshots.take(api, this.profile, reason));
      this.log(`Kept a snapshot of the RBAC ${reason}.`);
      return snapshot;
    } catch (error) {
      this.services.log.warn(
        `No snapshot of the RBAC was kept ${reason}: ${errorMessage(error)} [${this.profile.name}]`,
      );
      return undefined;
    }
  }
}

/**
 * What a command asks from the palette. `title` (the command's title) heads every step with a step counter, and
 * `placeholder` is the question of the user/role/group step; the connection step asks for the connection.
 */
export interface Ask {
  title?: string;
  placeholder: string;
  filter?: (name: string) => boolean;
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
  placeHolder = 'Select the connection',
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
      ? 'Select the connection'
      : `Select the connection (next: ${lowerFirst(ask.placeholder)})`;
    const target = await resolveActiveConnection(services, arg, connectionStep, flow);
    await check?.(target);
    return {
      target,
      name:
        given ??
        (await pick(target, { flow, placeholder: ask.placeholder, filter: ask.filter, destructive: ask.destructive })),
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
  const { target, name } = await resolveNamed(services, arg, toAsk(ask, filter), rbacArgs(arg).user, pickUser);
  return { target, user: name };
}

export async function resolveRole(
  services: Services,
  arg: unknown,
  ask: string | Ask,
  filter?: (role: string) => boolean,
): Promise<{ target: ActiveConnection; role: string; node?: RoleNode }> {
  if (arg instanceof RoleNode) return { target: await resolveActiveConnection(services, arg), role: arg.role.name, node: arg };
  const { target, name } = await resolveNamed(services, arg, toAsk(ask, filter), rbacArgs(arg).role, pickRole);
  return { target, role: name };
}

/** A custom privilege group from its node (or a privilege node inside it), `{ id, group }`, or a picker. */
export async function resolveGroup(
  services: Services,
  arg: unknown,
  ask: string | Ask,
): Promise<{ target: ActiveConnection; group: string; privilege?: string }> {
  if (arg instanceof PrivilegeGroupNode) return { target: await resolveActiveConnection(services, arg), group: arg.group.name };
  if (arg instanceof PrivilegeNode && arg.parent instanceof PrivilegeGroupNode) {
    return { target: await resolveActiveConnection(services, arg), group: arg.parent.group.name, privilege: arg.privilege };
  }
  const requireGroups = (target: ActiveConnection): Promise<void> => target.requireFeature('privilegeGroups', 'privilege groups');
  const { target, name } = await resolveNamed(
    services,
    arg,
    toAsk(ask),
    rbacArgs(arg).group,
    pickCustomGroup,
    requireGroups,
  );
  return { target, group: name };
}

/** A grant to revoke: from a grant node (everything filled in), from args, or picked among the role's grants. */
export async function resolveGrant(
  services: Services,
  arg: unknown,
): Promise<{ target: ActiveConnection; grant: Pick<Grant, 'role' | 'privilege' | 'dbName' | 'objectName'>; node?: TreeNode }> {
  if (arg instanceof GrantNode)
    return { target: await resolveActiveConnection(services, arg), grant: arg.grant, node: arg.parent };
  const args = rbacArgs(arg);
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
  const flow = new Flow('Revoke Privilege', 1);
  return flow.run(async () => {
    const { target, role, node } = await resolveRole(services, arg, {
      title: flow.title,
      placeholder: 'Select the role to revoke a privilege from',
      destructive: true,
      flow,
    });
    return { target, grant: await pickGrant(flow, target, role), node };
  });
}
