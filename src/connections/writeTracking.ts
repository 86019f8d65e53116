// Which AdminApi calls change the server's RBAC: after one of them the connection manager tells its listeners (the
// drift check), whichever command, plan or restore sent it. A new AdminApi method must be sorted in here (the type
// makes the compiler ask).
import type { AdminApi } from '../core/adminApi';

type Method = { [K in keyof AdminApi]: AdminApi[K] extends (...args: never[]) => unknown ? K : never }[keyof AdminApi];

/** true: the call changes users, roles, grants or privilege groups. A password is no part of the RBAC model. */
const CHANGES_RBAC: Record<Method, boolean> = {
  ping: false,
  watchChannel: false,
  features: false,
  listUsersWithRoles: false,
  listRolesWithUsers: false,
  listGrants: false,
  listPrivilegeGroups: false,
  describeUser: false,
  listDatabases: false,
  listCollections: false,
  listAliases: false,
  describeAlias: false,
  createUser: true,
  updatePassword: false,
  updateUserDescription: true,
  dropUser: true,
  createRole: true,
  dropRole: true,
  alterRole: true,
  grantRole: true,
  revokeRole: true,
  grantPrivilege: true,
  revokePrivilege: true,
  createPrivilegeGroup: true,
  dropPrivilegeGroup: true,
  addPrivilegesToGroup: true,
  removePrivilegesFromGroup: true,
  backupRbac: false,
  close: false,
};

/** `api` as it is, except that a call that changes the RBAC model first calls `onWrite`. */
export function trackWrites(api: AdminApi, onWrite: () => void): AdminApi {
  return new Proxy(api, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (!CHANGES_RBAC[property as Method]) return bound;
      return (...args: unknown[]) => {
        onWrite();
        return bound(...args);
      };
    },
  });
}
