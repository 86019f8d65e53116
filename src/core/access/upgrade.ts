// Upgrade impact, computed locally: between the connected server's release and a target release the extension knows,
// which built-in groups gain or lose privileges (releaseCatalogue.ts), which requests change what they need
// (requests.ts), and so which roles (through their grants of those groups) and users gain or lose what.
import { builtInGroupsOn } from './releaseCatalogue';
import { knownRpcs, needOn } from './requests';
import type { RequestNeed } from './requestNeed';
import type { Grant, UserWithRoles } from '../types';

export interface GroupChange {
  group: string;
  gained: string[];
  lost: string[];
}
export interface RequestChange {
  rpc: string;
  before: RequestNeed | undefined;
  after: RequestNeed | undefined;
  /** The request does not exist before the upgrade. */
  added: boolean;
}
export interface RoleChange {
  role: string;
  /** Each change with the grant it comes through. */
  through: { group: string; scope: string; gained: string[]; lost: string[] }[];
  users: string[];
}
export interface UpgradeImpact {
  from: string;
  to: string;
  groups: GroupChange[];
  requests: RequestChange[];
  roles: RoleChange[];
}

const sameNeed = (a: RequestNeed | undefined, b: RequestNeed | undefined): boolean =>
  a?.privilege === b?.privilege && a?.objectType === b?.objectType && a?.objectField === b?.objectField;

export function groupChanges(from: string, to: string): GroupChange[] {
  const before = new Map(builtInGroupsOn(from).map((g) => [g.name, g.privileges]));
  return builtInGroupsOn(to)
    .map((g) => {
      const old = before.get(g.name) ?? [];
      return {
        group: g.name,
        gained: g.privileges.filter((p) => !old.includes(p)),
        lost: old.filter((p) => !g.privileges.includes(p)),
      };
    })
    .filter((c) => c.gained.length > 0 || c.lost.length > 0);
}

export function requestChanges(from: string, to: string): RequestChange[] {
  return knownRpcs()
    .map((rpc) => {
      const a = needOn(rpc, from);
      const b = needOn(rpc, to);
      const added = a.missingUntil !== undefined && b.missingUntil === undefined;
      return { rpc, before: a.need, after: b.need, added };
    })
    .filter((c) => !c.added && !sameNeed(c.before, c.after))
    .concat(
      knownRpcs()
        .filter((rpc) => needOn(rpc, from).missingUntil !== undefined && needOn(rpc, to).missingUntil === undefined)
        .map((rpc) => ({ rpc, before: undefined, after: needOn(rpc, to).need, added: true })),
    );
}

export function upgradeImpact(
  from: string,
  to: string,
  grants: readonly Grant[],
  users: readonly UserWithRoles[],
): UpgradeImpact {
  const groups = groupChanges(from, to);
  const byGroup = new Map(groups.map((g) => [g.group, g]));
  const roles = new Map<string, RoleChange>();
  for (const grant of grants) {
    const change = byGroup.get(grant.privilege);
    if (!change) continue;
    const role = roles.get(grant.role) ?? {
      role: grant.role,
      through: [],
      users: users.filter((u) => u.roles.includes(grant.role)).map((u) => u.name),
    };
    role.through.push({
      group: change.group,
      scope: `${grant.dbName}.${grant.objectName}`,
      gained: change.gained,
      lost: change.lost,
    });
    roles.set(grant.role, role);
  }
  return { from, to, groups, requests: requestChanges(from, to), roles: [...roles.values()] };
}
