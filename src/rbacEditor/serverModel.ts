// A connection's whole RBAC model as an RBAC file: one model read (BackupRBAC where the server has it), the same
// canonical serialisation as Export RBAC to File, so a server and a file diff line by line.
import type { AdminApi } from '../core/adminApi';
import { exportRbac } from '../core/rbac/sync';
import type { RbacFile } from '../core/rbac/file';
import { isUriViolation, parseConnectionUri } from '../core/milvus/uri';
import type { ConnectionProfile } from '../core/types';

/** The server's address without any user name, for the file's `source`. */
export function sourceAddress(uri: string): string {
  const parsed = parseConnectionUri(uri);
  return isUriViolation(parsed) ? '' : parsed.uri;
}

/** The model of the server `api` is connected to, as the connection `profile` names it. */
export function serverModel(api: AdminApi, profile: ConnectionProfile, now = new Date()): Promise<RbacFile> {
  return exportRbac(api, sourceAddress(profile.uri), now);
}

/** The name a connection's model goes by in a file name or a tab: its name with only safe characters. */
export function fileSafeName(profile: ConnectionProfile): string {
  return profile.name.replace(/[^\w.-]+/g, '-');
}
