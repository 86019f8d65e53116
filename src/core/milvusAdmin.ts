// The AdminApi over @zilliz/milvus2-sdk-node. The only file that talks to the SDK (loaded lazily through sdkLoader).
// Every RPC goes through the SDK client's own channel pool (its auth and database metadata included) as a raw call,
// because several SDK helpers cannot express what we need (SelectUser for all users, DropRole with force_drop,
// UpdateCredential with an empty old password).
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { AdminApi, RbacBackup } from './adminApi';
import { prepareConnection, type ConnectOptions } from './connectOptions';
import { MilvusError } from './errors';
import { watchChannel } from './channelWatch';
import {
  healthCheckFailure,
  isUnimplementedResponse,
  statusFailure,
  toMilvusError,
  unimplementedError,
  type ErrorContext,
} from './errorMapping';
import {
  b64,
  names,
  nonEmpty,
  toGrant,
  toGroup,
  toRole,
  toUser,
  v1ObjectType,
  type BackupResponse,
  type ListPrivilegeGroupsResponse,
  type NameEntity,
  type SelectGrantResponse,
  type SelectRoleResponse,
  type SelectUserResponse,
} from './milvusWire';
import {
  checkDatabaseName,
  checkDescription,
  checkPassword,
  checkPrivilegeGroupName,
  checkRoleName,
  checkUsername,
  normalizeName,
  profileFromVersion,
  type RuleViolation,
} from './rules';
import { loadSdk, type MilvusSdk } from './sdkLoader';
import type {
  ConnectionProfile,
  ConnectionSecret,
  FeatureSet,
  Grant,
  PrivilegeGroup,
  GrantSpec,
  RoleWithUsers,
  RuleProfileId,
  ServerInfo,
  UserWithRoles,
} from './types';

export { isSdkLoaded } from './sdkLoader';

type Flag = 'privilegeGroups' | 'grantV2' | 'alterRole' | 'backupRbac';

/** Side-effect-free requests that tell "implemented" (any Status, even a refusal) from "unimplemented" (`{}`). */
const PROBES: Record<Flag, { rpc: string; body: object }> = {
  privilegeGroups: { rpc: 'ListPrivilegeGroups', body: {} },
  // An empty role name is refused by the proxy's validation before anything is touched.
  grantV2: {
    rpc: 'OperatePrivilegeV2',
    body: {
      role: { name: '' },
      grantor: { privilege: { name: '' } },
      type: 'Revoke',
      db_name: '*',
      collection_name: '*',
    },
  },
  alterRole: { rpc: 'AlterRole', body: { role_name: '', description: '' } },
  backupRbac: { rpc: 'BackupRBAC', body: {} },
};

const PERMISSION_DENIED = 7;
const UNAVAILABLE = 14;
const RETRIES_ON_UNAVAILABLE = 2;
const RETRY_DELAY_MS = 25;

function rejectIf(violation: RuleViolation | undefined): void {
  if (violation) {
    throw new MilvusError('invalidInput', violation.message);
  }
}

function requireText(value: string, what: string): void {
  if (value.trim() === '') {
    throw new MilvusError('invalidInput', `Enter ${what}.`);
  }
}

export class MilvusAdmin implements AdminApi {
  private readonly flags = new Map<Flag, Promise<boolean>>();
  /** Features known to be missing: calls that need them fail at once without a round trip. */
  private readonly missing = new Set<Flag>();
  private closed = false;

  constructor(
    private readonly sdk: MilvusSdk,
    private readonly client: MilvusClient,
    readonly info: ServerInfo,
    readonly ruleProfile: RuleProfileId,
    private readonly timeoutMs: number,
    private readonly ctx: ErrorContext,
  ) {}

  // ---- plumbing ------------------------------------------------------------------------------------------------------

  /**
   * Sends one raw RPC through the SDK client's pool. UNAVAILABLE is retried here, twice, with a fresh call each time
   * (the SDK's own retries are off, see connectOptions.ts). Resolves with the raw response; rejects with the raw error.
   */
  private async send(rpc: string, body: object): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.sdk.promisify(this.client.channelPool, rpc, body, this.timeoutMs)) as unknown;
      } catch (e) {
        if (attempt >= RETRIES_ON_UNAVAILABLE || (e as { code?: unknown }).code !== UNAVAILABLE || this.closed) {
          throw e;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * 2 ** attempt));
      }
    }
  }

  /** One RPC. Rejects with a MilvusError for transport errors, failed Statuses and unimplemented RPCs. */
  private async call<T>(rpc: string, body: object, flag?: Flag): Promise<T> {
    this.assertOpen();
    if (flag && this.missing.has(flag)) {
      throw unimplementedError(rpc, this.ctx);
    }
    let res: unknown;
    try {
      res = await this.send(rpc, body);
    } catch (e) {
      throw toMilvusError(e, this.ctx);
    }
    if (isUnimplementedResponse(res)) {
      if (flag) {
        this.markMissing(flag);
      }
      throw unimplementedError(rpc, this.ctx);
    }
    const failure = statusFailure(res, this.ctx);
    if (failure) {
      throw failure;
    }
    return res as T;
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new MilvusError(
        'unreachable',
        `The connection to ${this.ctx.address ?? 'Milvus'} is closed. Connect again.`,
      );
    }
  }

  private markMissing(flag: Flag): void {
    this.missing.add(flag);
    this.flags.set(flag, Promise.resolve(false));
  }

  private probe(flag: Flag): Promise<boolean> {
    let known = this.flags.get(flag);
    if (!known) {
      const { rpc, body } = PROBES[flag];
      known = this.send(rpc, body).then(
        (res) => {
          if (isUnimplementedResponse(res)) {
            this.missing.add(flag);
            return false;
          }
          return true;
        },
        (e: unknown) => {
          // A refusal by the privilege check still proves the RPC exists.
          if ((e as { code?: unknown }).code === PERMISSION_DENIED) {
            return true;
          }
          this.flags.delete(flag);
          throw toMilvusError(e, this.ctx);
        },
      );
      this.flags.set(flag, known);
    }
    return known;
  }

  private name(kind: 'user' | 'role', value: string): string {
    const name = normalizeName(value);
    rejectIf(kind === 'user' ? checkUsername(name, this.ruleProfile) : checkRoleName(name, this.ruleProfile));
    return name;
  }

  async ping(deadlineMs: number): Promise<void> {
    this.assertOpen();
    let res: unknown;
    try {
      // Sent once, not through send(): no retry here nor in the SDK (maxRetries 0), so a dead server fails in time.
      res = await this.sdk.promisify(this.client.channelPool, 'GetVersion', {}, deadlineMs);
    } catch (e) {
      throw healthCheckFailure(e, deadlineMs, this.ctx);
    }
    const failure = statusFailure(res, this.ctx);
    if (failure) {
      throw failure;
    }
  }

  watchChannel(onLeftReady: () => void): () => void {
    return watchChannel(this.client, () => this.closed, onLeftReady);
  }

  async features(): Promise<FeatureSet> {
    this.assertOpen();
    const [privilegeGroups, grantV2, alterRole, backupRbac] = await Promise.all(
      (['privilegeGroups', 'grantV2', 'alterRole', 'backupRbac'] as const).map((f) => this.probe(f)),
    );
    // Descriptions and AlterRole arrived together (2.6.19); there is no RPC of their own to probe for descriptions.
    return { privilegeGroups, grantV2, descriptions: alterRole, alterRole, backupRbac };
  }

  // ---- reads ---------------------------------------------------------------------------------------------------------

  async listUsersWithRoles(): Promise<UserWithRoles[]> {
    // No `user` field at all: an empty user entity is refused by the server (1100 "username must be not empty").
    const res = await this.call<SelectUserResponse>('SelectUser', { include_role_info: true });
    return (res.results ?? []).map(toUser);
  }

  async describeUser(name: string): Promise<UserWithRoles | undefined> {
    const user = this.name('user', name);
    const res = await this.call<SelectUserResponse>('SelectUser', { user: { name: user }, include_role_info: true });
    const r = res.results?.[0];
    return r ? toUser(r) : undefined;
  }

  async listRolesWithUsers(): Promise<RoleWithUsers[]> {
    const res = await this.call<SelectRoleResponse>('SelectRole', { include_user_info: true });
    return (res.results ?? []).map(toRole);
  }

  async listGrants(role: string): Promise<Grant[]> {
    const name = this.name('role', role);
    const res = await this.call<SelectGrantResponse>('SelectGrant', { entity: { role: { name }, db_name: '*' } });
    return (res.entities ?? []).map(toGrant);
  }

  async listPrivilegeGroups(): Promise<PrivilegeGroup[]> {
    const res = await this.call<ListPrivilegeGroupsResponse>('ListPrivilegeGroups', {}, 'privilegeGroups');
    this.flags.set('privilegeGroups', Promise.resolve(true));
    return (res.privilege_groups ?? []).map(toGroup);
  }

  async listDatabases(): Promise<string[]> {
    const res = await this.call<{ db_names?: string[] }>('ListDatabases', {});
    return res.db_names ?? [];
  }

  async listCollections(dbName: string): Promise<string[]> {
    rejectIf(checkDatabaseName(dbName));
    const res = await this.call<{ collection_names?: string[] }>('ShowCollections', { db_name: dbName });
    return res.collection_names ?? [];
  }

  async backupRbac(): Promise<RbacBackup> {
    const res = await this.call<BackupResponse>('BackupRBAC', {}, 'backupRbac');
    const meta = res.RBAC_meta ?? {};
    // The response carries bcrypt hashes: only names and roles are kept.
    return {
      users: (meta.users ?? []).map((u) => ({ name: u.user ?? '', roles: names(u.roles) })),
      roles: names(meta.roles),
      grants: (meta.grants ?? []).map(toGrant),
      privilegeGroups: (meta.privilege_groups ?? []).map(toGroup),
    };
  }

  // ---- users ---------------------------------------------------------------------------------------------------------

  async createUser(name: string, password: string, description?: string): Promise<void> {
    const username = this.name('user', name);
    rejectIf(checkPassword(password, this.ruleProfile));
    const body: Record<string, unknown> = { username, password: b64(password) };
    if (description) {
      rejectIf(checkDescription(description, 'user'));
      body.description = description;
    }
    await this.call('CreateCredential', body);
  }

  async updatePassword(name: string, oldPassword: string | undefined, newPassword: string): Promise<void> {
    requireText(name, 'the name of the user');
    rejectIf(checkPassword(newPassword, this.ruleProfile));
    const username = normalizeName(name);
    // The SDK refuses a new password without the old one, so the superuser reset sends an empty old password itself.
    const body = { username, oldPassword: b64(oldPassword ?? ''), newPassword: b64(newPassword) };
    try {
      await this.call('UpdateCredential', body);
    } catch (e) {
      if (oldPassword === undefined && e instanceof MilvusError && e.details.code === 1400) {
        throw new MilvusError(
          'permission',
          `The server refused to reset ${username}'s password without the old password. Only users listed in the ` +
            'server setting common.security.superUsers may do that (root is not one by default). Enter the old ' +
            'password instead, or ask the server administrator.',
          e.details,
        );
      }
      throw e;
    }
  }

  async updateUserDescription(name: string, description: string): Promise<void> {
    requireText(name, 'the name of the user');
    rejectIf(checkDescription(description, 'user'));
    this.assertOpen();
    // Descriptions came with AlterRole (2.6.19). An older server would read the empty new password as a too-short one.
    if (!(await this.probe('alterRole'))) {
      throw unimplementedError('user descriptions', this.ctx);
    }
    // With an empty newPassword the server leaves the password alone and checks no old one (U11).
    await this.call('UpdateCredential', { username: normalizeName(name), description });
  }

  async dropUser(name: string): Promise<void> {
    requireText(name, 'the name of the user');
    await this.call('DeleteCredential', { username: normalizeName(name) });
  }

  // ---- roles ---------------------------------------------------------------------------------------------------------

  async createRole(name: string, description?: string): Promise<void> {
    const entity: NameEntity = { name: this.name('role', name) };
    if (description) {
      rejectIf(checkDescription(description, 'role'));
      entity.description = description;
    }
    await this.call('CreateRole', { entity });
  }

  async alterRole(name: string, description: string): Promise<void> {
    const role = this.name('role', name);
    rejectIf(checkDescription(description, 'role'));
    await this.call('AlterRole', { role_name: role, description }, 'alterRole');
  }

  async dropRole(name: string, forceDrop = false): Promise<void> {
    await this.call('DropRole', { role_name: this.name('role', name), force_drop: forceDrop });
  }

  async grantRole(user: string, role: string): Promise<void> {
    await this.operateUserRole(user, role, 'AddUserToRole');
  }

  async revokeRole(user: string, role: string): Promise<void> {
    await this.operateUserRole(user, role, 'RemoveUserFromRole');
  }

  private async operateUserRole(
    user: string,
    role: string,
    type: 'AddUserToRole' | 'RemoveUserFromRole',
  ): Promise<void> {
    await this.call('OperateUserRole', { username: this.name('user', user), role_name: this.name('role', role), type });
  }

  // ---- privileges ----------------------------------------------------------------------------------------------------

  async grantPrivilege(target: GrantSpec): Promise<void> {
    await this.operatePrivilege(target, 'Grant');
  }

  async revokePrivilege(target: GrantSpec): Promise<void> {
    await this.operatePrivilege(target, 'Revoke');
  }

  private async operatePrivilege(target: GrantSpec, type: 'Grant' | 'Revoke'): Promise<void> {
    const role = this.name('role', target.role);
    const privilege = target.privilege.trim();
    requireText(privilege, 'a privilege or privilege group');
    const dbName = target.dbName.trim() || '*';
    if (dbName !== '*') {
      rejectIf(checkDatabaseName(dbName));
    }
    const collectionName = target.collectionName.trim() || '*';

    if (await this.probe('grantV2')) {
      try {
        await this.call(
          'OperatePrivilegeV2',
          {
            role: { name: role },
            grantor: { privilege: { name: privilege } },
            type,
            db_name: dbName,
            collection_name: collectionName,
          },
          'grantV2',
        );
        return;
      } catch (e) {
        if (!(e instanceof MilvusError && e.kind === 'unimplemented')) {
          throw e;
        }
      }
    }
    const objectType = v1ObjectType(privilege);
    if (!objectType) {
      throw new MilvusError(
        'invalidInput',
        `This server only has the old grant API, which cannot grant "${privilege}". Pick a single privilege instead.`,
      );
    }
    const entity = {
      role: { name: role },
      object: { name: objectType },
      object_name: objectType === 'Global' ? '*' : collectionName,
      db_name: dbName,
      grantor: { privilege: { name: privilege } },
    };
    await this.call('OperatePrivilege', { entity, type });
  }

  // ---- privilege groups ----------------------------------------------------------------------------------------------

  async createPrivilegeGroup(name: string): Promise<void> {
    rejectIf(checkPrivilegeGroupName(name, this.ruleProfile));
    await this.call('CreatePrivilegeGroup', { group_name: name }, 'privilegeGroups');
  }

  async dropPrivilegeGroup(name: string): Promise<void> {
    requireText(name, 'the name of the privilege group');
    await this.call('DropPrivilegeGroup', { group_name: name }, 'privilegeGroups');
  }

  async addPrivilegesToGroup(group: string, privileges: string[]): Promise<void> {
    await this.operateGroup(group, privileges, 'AddPrivilegesToGroup');
  }

  async removePrivilegesFromGroup(group: string, privileges: string[]): Promise<void> {
    await this.operateGroup(group, privileges, 'RemovePrivilegesFromGroup');
  }

  private async operateGroup(group: string, privileges: string[], type: string): Promise<void> {
    requireText(group, 'the name of the privilege group');
    const list = privileges.map((p) => p.trim()).filter(nonEmpty);
    if (list.length === 0) {
      throw new MilvusError('invalidInput', 'Pick at least one privilege.');
    }
    await this.call(
      'OperatePrivilegeGroup',
      { group_name: group, privileges: list.map((name) => ({ name })), type },
      'privilegeGroups',
    );
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    try {
      await this.client.closeConnection();
    } catch {
      // Closing is best effort: the pool may already be gone.
    }
  }
}

/**
 * Connects one new SDK client: validates the profile, loads the SDK (first time only), sends Connect, then GetVersion.
 * Rejects with a MilvusError; the client is closed again on any failure.
 */
export async function connectMilvus(
  profile: ConnectionProfile,
  secret: ConnectionSecret | undefined,
  opts: ConnectOptions = {},
): Promise<AdminApi> {
  const prepared = await prepareConnection(profile, secret, opts);
  const ctx = prepared.errorContext;
  let sdk: MilvusSdk;
  try {
    sdk = await loadSdk();
  } catch (e) {
    throw toMilvusError(e, ctx);
  }

  let client: MilvusClient | undefined;
  try {
    client = new sdk.MilvusClient(prepared.config);
    client.connect(sdk.MilvusClient.sdkInfo.version);
    const connecting = client.connectPromise as Promise<unknown>;
    // Attached at once, so a failed Connect is never an unhandled rejection.
    connecting.catch(() => undefined);
    const connectRes = await connecting;
    // Connect resolves with its Status (e.g. 800 database not found) instead of rejecting.
    const connectFailure = statusFailure(connectRes, ctx);
    if (connectFailure) {
      throw connectFailure;
    }
    const versionRes = (await sdk.promisify(client.channelPool, 'GetVersion', {}, prepared.timeoutMs)) as unknown;
    const versionFailure = statusFailure(versionRes, ctx);
    if (versionFailure) {
      throw versionFailure;
    }
    const version = (versionRes as { version?: string } | undefined)?.version ?? '';
    const ruleProfile =
      profile.ruleProfile && profile.ruleProfile !== 'auto'
        ? profile.ruleProfile
        : profileFromVersion(version || undefined);
    const info: ServerInfo = { version, user: prepared.loginUser, database: prepared.database, tls: prepared.tls };
    return new MilvusAdmin(sdk, client, info, ruleProfile, prepared.timeoutMs, ctx);
  } catch (e) {
    if (client) {
      await client.closeConnection().catch(() => undefined);
    }
    throw toMilvusError(e, ctx);
  }
}
