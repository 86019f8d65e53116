// The reads behind the access reports and queries, as few RPCs as the answer allows: one SelectUser, one SelectGrant per
// role in question (db `*`), one ListPrivilegeGroups where the server has groups. Never one RPC per user.
import * as l10n from '@vscode/l10n';
import { rolesToRead } from './query';
import type { AdminApi } from '../adminApi';
import { rolesInEffect } from './effectivePrivileges';
import { MilvusError } from '../errors/milvusError';
import type { Grant, PrivilegeGroup, UserWithRoles } from '../types';

export interface AccessData {
  grantsByRole: Map<string, Grant[]>;
  groups: PrivilegeGroup[];
}

/**
 * A least-privilege user (§5.4) may read its own grants but not list the groups (ListPrivilegeGroups needs its own
 * privilege, §2.6): the built-in groups are known here (effectivePrivileges.ts groupMembers); custom ones stay unexpanded.
 */
function builtInsOnly(error: unknown): PrivilegeGroup[] {
  if (error instanceof MilvusError && error.kind === 'permission') return [];
  throw error;
}

async function readGrants(api: AdminApi, roles: readonly string[]): Promise<AccessData> {
  const features = await api.features();
  const [grants, groups] = await Promise.all([
    Promise.all(roles.map(async (role): Promise<[string, Grant[]]> => [role, await api.listGrants(role)])),
    features.privilegeGroups ? api.listPrivilegeGroups().catch(builtInsOnly) : Promise.resolve([]),
  ]);
  return { grantsByRole: new Map(grants), groups };
}

/** One user with its roles, and the grants of those roles and public. Rejects when there is no such user. */
export async function readUserAccess(
  api: AdminApi,
  user: string,
  where: string,
): Promise<AccessData & { user: UserWithRoles }> {
  const described = await api.describeUser(user);
  if (!described)
    throw new MilvusError('server', l10n.t('There is no user "{user}" on {server}.', { user, server: where }));
  return { user: described, ...(await readGrants(api, rolesInEffect(described.roles))) };
}

/** Every user with its roles (one SelectUser), and the grants of every role they hold and public (admin needs none). */
export async function readEveryonesAccess(api: AdminApi): Promise<AccessData & { users: UserWithRoles[] }> {
  const users = await api.listUsersWithRoles();
  return { users, ...(await readGrants(api, rolesToRead(users))) };
}
