// The reads behind an explanation, the health check and the upgrade report: the server's whole model
// (core/rbac/model.ts: one BackupRBAC and one SelectRole where the server has them), then at most two more RPCs: the
// grants of public (BackupRBAC leaves the built-in roles out) and the privilege groups as the server defines them
// (built-in contents can be overridden per cluster since 2.6.16).
import type { AdminApi } from '../adminApi';
import { ADMIN_ROLE, PUBLIC_ROLE } from './builtIns';
import { MilvusError } from '../errors/milvusError';
import { readRbacModel, type RbacModel } from '../rbac/model';
import type { ExplainModel } from './explain';
import type { Grant, PrivilegeGroup } from '../types';

export interface AccessModel extends ExplainModel {
  model: RbacModel;
  /** The server's listing of groups (custom first, then the built-ins with their contents); undefined: none. */
  listedGroups: PrivilegeGroup[] | undefined;
}

/** Grants by role, with `extra` (the public grants) added when the model lacks them. */
export function grantsByRole(grants: readonly Grant[], extra: readonly Grant[] = []): Map<string, Grant[]> {
  const byRole = new Map<string, Grant[]>();
  for (const g of [...grants, ...extra]) {
    const list = byRole.get(g.role) ?? [];
    if (!list.includes(g)) list.push(g);
    byRole.set(g.role, list);
  }
  return byRole;
}

async function listedGroups(api: AdminApi, model: RbacModel): Promise<PrivilegeGroup[] | undefined> {
  if (model.privilegeGroups === undefined) return undefined;
  try {
    return await api.listPrivilegeGroups();
  } catch (error) {
    if (error instanceof MilvusError && (error.kind === 'permission' || error.kind === 'unimplemented'))
      return model.privilegeGroups;
    throw error;
  }
}

/** The model, then SelectGrant(public) unless already read, and ListPrivilegeGroups. */
export async function readAccessModel(api: AdminApi): Promise<AccessModel> {
  const model = await readRbacModel(api);
  const publicRead = model.grantsRead.includes(PUBLIC_ROLE);
  const [publicGrants, groups] = await Promise.all([
    publicRead ? Promise.resolve([]) : api.listGrants(PUBLIC_ROLE),
    listedGroups(api, model),
  ]);
  return {
    model,
    serverVersion: model.serverVersion,
    users: model.users,
    grantsByRole: grantsByRole(
      model.grants.filter((g) => g.role !== ADMIN_ROLE),
      publicGrants,
    ),
    groups: groups ?? [],
    listedGroups: groups,
    ...(model.flavor ? { flavor: model.flavor } : {}),
  };
}
