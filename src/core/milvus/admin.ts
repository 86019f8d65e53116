// The AdminApi over Milvus RPCs: names checked before sending, requests shaped, responses read (wire.ts).
// Every RPC is a raw call through MilvusRpc on the SDK client's own channel pool, because several SDK helpers cannot
// express what we need (SelectUser for all users, DropRole with force_drop, UpdateCredential with an empty old password).
import * as l10n from '@vscode/l10n';
import type { AdminApi, RbacBackup } from '../adminApi';
import {
  grantRefusal,
  groupRefusal,
  ManagedInConsoleError,
  roleRefusal,
  unbindRefusal,
  userCapRefusal,
  userDropRefusal,
} from '../access/flavor';
import { unimplementedError } from '../errors/mapping';
import { MilvusError } from '../errors/milvusError';
import type { Flag, MilvusRpc } from './rpc';
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
} from './wire';
import {
  checkDatabaseName,
  checkDescription,
  checkPassword,
  checkPrivilegeGroupName,
  checkRoleName,
  checkUsername,
  normalizeName,
  type RuleViolation,
} from '../rules/checks';
import type {
  FeatureSet,
  Grant,
  PrivilegeGroup,
  GrantSpec,
  RoleWithUsers,
  RuleProfileId,
  ServerInfo,
  UserWithRoles,
} from '../types';

/** §10 Z8: the RPCs a Serverless cluster has no use for; refused here, before anything is sent. */
const ACCESS_CONTROL_RPCS: ReadonlySet<string> = new Set([
  'SelectUser',
  'SelectRole',
  'SelectGrant',
  'ListCredUsers',
  'ListPrivilegeGroups',
  'BackupRBAC',
  'RestoreRBAC',
  'CreateCredential',
  'UpdateCredential',
  'DeleteCredential',
  'CreateRole',
  'AlterRole',
  'DropRole',
  'OperateUserRole',
  'OperatePrivilege',
  'OperatePrivilegeV2',
  'CreatePrivilegeGroup',
  'DropPrivilegeGroup',
  'OperatePrivilegeGroup',
]);

/** Refuses (invalidInput, nothing sent) when a flavour rule says why not. */
function refuseIf(reason: string | undefined): void {
  if (reason) throw new MilvusError('invalidInput', l10n.t('{reason} Nothing was sent.', { reason }));
}

function rejectIf(violation: RuleViolation | undefined): void {
  if (violation) {
    throw new MilvusError('invalidInput', violation.message);
  }
}

type Required = 'user' | 'privilege' | 'group';

function enterText(what: Required): string {
  switch (what) {
    case 'user':
      return l10n.t('Enter the name of the user.');
    case 'privilege':
      return l10n.t('Enter a privilege or privilege group.');
    case 'group':
      return l10n.t('Enter the name of the privilege group.');
  }
}

function requireText(value: string, what: Required): void {
  if (value.trim() === '') {
    throw new MilvusError('invalidInput', enterText(what));
  }
}

export class MilvusAdmin implements AdminApi {
  constructor(
    private readonly rpc: MilvusRpc,
    readonly info: ServerInfo,
    readonly ruleProfile: RuleProfileId,
  ) {}

  private call<T>(rpc: string, body: object, flag?: Flag): Promise<T> {
    if (this.info.flavor === 'zilliz-serverless' && ACCESS_CONTROL_RPCS.has(rpc))
      return Promise.reject(new ManagedInConsoleError());
    return this.rpc.call<T>(rpc, body, flag);
  }

  /** For methods that probe a feature before the RPC: a Serverless cluster gets neither (§10 Z8). */
  private assertAccessControl(): void {
    if (this.info.flavor === 'zilliz-serverless') throw new ManagedInConsoleError();
  }

  private name(kind: 'user' | 'role', value: string): string {
    const name = normalizeName(value);
    rejectIf(kind === 'user' ? checkUsername(name, this.ruleProfile) : checkRoleName(name, this.ruleProfile));
    return name;
  }

  ping(deadlineMs: number): Promise<void> {
    return this.rpc.ping(deadlineMs);
  }

  watchChannel(onLeftReady: () => void): () => void {
    return this.rpc.watchChannel(onLeftReady);
  }

  async features(): Promise<FeatureSet> {
    this.rpc.assertOpen();
    const [privilegeGroups, grantV2, alterRole, backupRbac] = await Promise.all(
      (['privilegeGroups', 'grantV2', 'alterRole', 'backupRbac'] as const).map((f) => this.rpc.probe(f)),
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
    this.rpc.markPresent('privilegeGroups');
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

  async listAliases(dbName: string): Promise<string[]> {
    rejectIf(checkDatabaseName(dbName));
    const res = await this.call<{ aliases?: string[] }>('ListAliases', { db_name: dbName });
    return res.aliases ?? [];
  }

  async describeAlias(dbName: string, alias: string): Promise<string> {
    rejectIf(checkDatabaseName(dbName));
    const res = await this.call<{ collection?: string }>('DescribeAlias', { db_name: dbName, alias });
    return res.collection ?? '';
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
    // Z9: the cap is the cloud's, and its refusal would come only after the password was sent.
    if (this.info.flavor === 'zilliz-dedicated') {
      const res = await this.call<{ usernames?: string[] }>('ListCredUsers', {});
      refuseIf(userCapRefusal(this.info.flavor, res.usernames?.length ?? 0));
    }
    if (description) {
      rejectIf(checkDescription(description, 'user'));
      body.description = description;
    }
    await this.call('CreateCredential', body);
  }

  async updatePassword(name: string, oldPassword: string | undefined, newPassword: string): Promise<void> {
    requireText(name, 'user');
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
          l10n.t(
            "The server refused to reset {user}'s password without the old password. Only users listed in the server setting common.security.superUsers may do that (root is not one by default). Enter the old password instead, or ask the server administrator.",
            { user: username },
          ),
          e.details,
        );
      }
      throw e;
    }
  }

  async updateUserDescription(name: string, description: string): Promise<void> {
    requireText(name, 'user');
    rejectIf(checkDescription(description, 'user'));
    this.rpc.assertOpen();
    this.assertAccessControl();
    // Descriptions came with AlterRole (2.6.19). An older server would read the empty new password as a too-short one.
    if (!(await this.rpc.probe('alterRole'))) {
      throw unimplementedError(l10n.t('user descriptions'), this.rpc.ctx);
    }
    // With an empty newPassword the server leaves the password alone and checks no old one (U11).
    await this.call('UpdateCredential', { username: normalizeName(name), description });
  }

  async dropUser(name: string): Promise<void> {
    requireText(name, 'user');
    refuseIf(userDropRefusal(this.info.flavor, normalizeName(name)));
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
    refuseIf(roleRefusal(this.info.flavor, role));
    rejectIf(checkDescription(description, 'role'));
    await this.call('AlterRole', { role_name: role, description }, 'alterRole');
  }

  async dropRole(name: string, forceDrop = false): Promise<void> {
    const role = this.name('role', name);
    refuseIf(roleRefusal(this.info.flavor, role));
    await this.call('DropRole', { role_name: role, force_drop: forceDrop });
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
    const username = this.name('user', user);
    const roleName = this.name('role', role);
    if (type === 'RemoveUserFromRole') refuseIf(unbindRefusal(this.info.flavor, username, roleName));
    await this.call('OperateUserRole', { username, role_name: roleName, type });
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
    requireText(privilege, 'privilege');
    const dbName = target.dbName.trim() || '*';
    if (dbName !== '*') {
      rejectIf(checkDatabaseName(dbName));
    }
    const collectionName = target.collectionName.trim() || '*';
    refuseIf(grantRefusal(this.info.flavor, { role, privilege }, type === 'Grant' ? 'grant' : 'revoke'));
    this.assertAccessControl();

    if (await this.rpc.probe('grantV2')) {
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
        l10n.t(
          'This server only has the old grant API, which cannot grant "{privilege}". Pick a single privilege instead.',
          { privilege },
        ),
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
    refuseIf(groupRefusal(this.info.flavor));
    rejectIf(checkPrivilegeGroupName(name, this.ruleProfile));
    await this.call('CreatePrivilegeGroup', { group_name: name }, 'privilegeGroups');
  }

  async dropPrivilegeGroup(name: string): Promise<void> {
    requireText(name, 'group');
    refuseIf(groupRefusal(this.info.flavor));
    await this.call('DropPrivilegeGroup', { group_name: name }, 'privilegeGroups');
  }

  async addPrivilegesToGroup(group: string, privileges: string[]): Promise<void> {
    await this.operateGroup(group, privileges, 'AddPrivilegesToGroup');
  }

  async removePrivilegesFromGroup(group: string, privileges: string[]): Promise<void> {
    await this.operateGroup(group, privileges, 'RemovePrivilegesFromGroup');
  }

  private async operateGroup(group: string, privileges: string[], type: string): Promise<void> {
    requireText(group, 'group');
    refuseIf(groupRefusal(this.info.flavor));
    const list = privileges.map((p) => p.trim()).filter(nonEmpty);
    if (list.length === 0) {
      throw new MilvusError('invalidInput', l10n.t('Pick at least one privilege.'));
    }
    await this.call(
      'OperatePrivilegeGroup',
      { group_name: group, privileges: list.map((name) => ({ name })), type },
      'privilegeGroups',
    );
  }

  close(): Promise<void> {
    return this.rpc.close();
  }
}
