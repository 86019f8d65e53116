// Zilliz Cloud flavours (docs/milvus-behaviour.md §10, Z1–Z9): what a Dedicated or Serverless cluster adds in front of
// the Milvus handlers. Dedicated: the built-in user db_admin and roles db_admin, db_rw, db_ro, custom roles holding
// built-in privilege groups only, 100 users, the cloud's name and password rules. Serverless: no cluster RBAC at all.
import * as grpc from '@grpc/grpc-js';
import bcrypt from 'bcryptjs';
import { catalogueFor } from './catalogue';
import { decodeStdBase64, type Caller } from './auth';
import { entityName, str, type Flavor, type ServerContext } from './context';
import type { PrivilegeExt } from './proto';
import { BCRYPT_COST } from './seed';
import { grantKey, type ServerState } from './state';
import { fail, GrpcFailure } from './status';

export const ZILLIZ_ADMIN_USER = 'db_admin';
/** Z2: the built-in cluster roles and the built-in group each holds at cluster level (Admin bypasses like admin). */
const ZILLIZ_ROLES: Readonly<Record<string, string | undefined>> = {
  db_admin: undefined,
  db_rw: 'ClusterReadWrite',
  db_ro: 'ClusterReadOnly',
};
/** Roles Milvus creates that a Zilliz cluster never lists (Z2: list_roles shows only the three built-ins). */
export const HIDDEN_ROLES: ReadonlySet<string> = new Set(['admin', 'public']);

export function isZilliz(flavor: Flavor): boolean {
  return flavor !== 'milvus';
}

/** The roles that bypass the privilege check like Milvus's admin (Z2: the cloud Admin role has every privilege). */
export function adminRolesOf(flavor: Flavor): readonly string[] {
  return isZilliz(flavor) ? ['admin', ZILLIZ_ADMIN_USER] : ['admin'];
}

/** A new Zilliz cluster: db_admin (bound to the db_admin role) instead of root, and the three built-in roles (Z1, Z2). */
export function bootstrapZilliz(state: ServerState, password: string): void {
  state.users.delete('root');
  state.users.set(ZILLIZ_ADMIN_USER, {
    name: ZILLIZ_ADMIN_USER,
    hash: bcrypt.hashSync(password, BCRYPT_COST),
    description: '',
    roles: new Set([ZILLIZ_ADMIN_USER]),
  });
  for (const [role, group] of Object.entries(ZILLIZ_ROLES)) {
    state.roles.set(role, { name: role, description: '' });
    if (!group) continue;
    const g = {
      role,
      objectType: 'Global' as const,
      dbName: '*',
      objectName: '*',
      privilege: group,
      grantor: 'system',
    };
    state.grants.set(grantKey(g), g);
  }
}

/** The RPCs of cluster RBAC (users, roles, grants, privilege groups, backup): what Serverless refuses (Z8). */
const RBAC_METHODS: ReadonlySet<string> = new Set([
  'CreateCredential',
  'UpdateCredential',
  'DeleteCredential',
  'ListCredUsers',
  'CreateRole',
  'AlterRole',
  'DropRole',
  'OperateUserRole',
  'SelectRole',
  'SelectUser',
  'OperatePrivilege',
  'OperatePrivilegeV2',
  'SelectGrant',
  'CreatePrivilegeGroup',
  'DropPrivilegeGroup',
  'ListPrivilegeGroups',
  'OperatePrivilegeGroup',
  'BackupRBAC',
  'RestoreRBAC',
]);

const PASSWORD_CLASSES: readonly RegExp[] = [/[A-Z]/u, /[a-z]/u, /[0-9]/u, /[^A-Za-z0-9]/u];

/** Z5: letters, digits and `_`, starting with a letter (the Milvus length limit still applies in the handler). */
function checkUsername(name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name.trim())) {
    throw fail.invalid(`invalid user name ${name}: must start with a letter and contain only letters, digits and _`);
  }
}

/** Z5: 8–64 characters and three of upper, lower, digit, special. */
function checkPassword(b64: string): void {
  const raw = decodeStdBase64(b64);
  if (!raw) return; // the handler reports the base64 error as Milvus does
  const password = raw.toString('utf8');
  const chars = [...password].length;
  const classes = PASSWORD_CLASSES.filter((re) => re.test(password)).length;
  if (chars < 8 || chars > 64 || classes < 3) {
    throw fail.invalid(
      'invalid password: it must be 8-64 characters long and include three of uppercase letters, lowercase letters, numbers and special characters',
    );
  }
}

function builtInRoleRefusal(role: string, what: string): void {
  if (role in ZILLIZ_ROLES) throw fail.notPermitted(`the built-in role ${role} cannot be ${what}`);
}

/** Z6: a custom role takes only a built-in privilege group. */
function checkGrant(ctx: ServerContext, role: string | undefined, privilege: string | undefined): void {
  if (role === undefined || privilege === undefined) return; // the handler reports the missing field
  builtInRoleRefusal(role, 'edited');
  if (!catalogueFor(ctx.options.version).builtInGroup(privilege)) {
    throw fail.notPermitted(
      `privilege ${privilege}: a custom role can only be granted built-in privilege groups on Zilliz Cloud`,
    );
  }
}

function dedicatedGate(ctx: ServerContext, method: string, request: Record<string, unknown>): void {
  switch (method) {
    case 'CreateCredential':
      checkUsername(str(request.username));
      checkPassword(str(request.password));
      return;
    case 'UpdateCredential':
      if (str(request.newPassword) !== '') checkPassword(str(request.newPassword));
      return;
    case 'DeleteCredential':
      if (str(request.username).trim() === ZILLIZ_ADMIN_USER) {
        throw fail.notPermitted(`the default user ${ZILLIZ_ADMIN_USER} cannot be dropped`);
      }
      return;
    case 'DropRole':
      builtInRoleRefusal(str(request.role_name), 'dropped');
      return;
    case 'AlterRole':
      builtInRoleRefusal(str(request.role_name), 'edited');
      return;
    case 'OperateUserRole':
      if (str(request.username).trim() === ZILLIZ_ADMIN_USER && str(request.role_name) === ZILLIZ_ADMIN_USER) {
        throw fail.notPermitted(`the default user ${ZILLIZ_ADMIN_USER} keeps its role`);
      }
      return;
    case 'OperatePrivilege': {
      const e = (request.entity ?? null) as Record<string, unknown> | null;
      const grantor = (e?.grantor ?? null) as Record<string, unknown> | null;
      checkGrant(ctx, entityName(e?.role), entityName(grantor?.privilege));
      return;
    }
    case 'OperatePrivilegeV2': {
      const grantor = (request.grantor ?? null) as Record<string, unknown> | null;
      checkGrant(ctx, entityName(request.role), entityName(grantor?.privilege));
      return;
    }
    case 'CreatePrivilegeGroup':
    case 'DropPrivilegeGroup':
    case 'OperatePrivilegeGroup':
      throw fail.notPermitted('user-defined privilege groups are not available on Zilliz Cloud');
    default:
  }
}

/**
 * Runs after authentication and the privilege check, before the Milvus handler. Serverless (Z8, an assumption): every
 * cluster-RBAC RPC is denied as for a tenant user without the privilege, whoever calls.
 */
export function zillizGate(
  ctx: ServerContext,
  method: string,
  caller: Caller,
  request: Record<string, unknown>,
  ext: PrivilegeExt | undefined,
): void {
  if (ctx.options.flavor === 'zilliz-serverless' && RBAC_METHODS.has(method)) {
    const privilege = ext?.privilege ?? `Privilege${method}`;
    throw new GrpcFailure(
      grpc.status.PERMISSION_DENIED,
      `${privilege}: permission deny to ${caller.user ?? ''} in the \`${caller.dbName}\` database`,
    );
  }
  if (ctx.options.flavor === 'zilliz-dedicated') dedicatedGate(ctx, method, request);
}
