// How far a server's model is from a file's, counted per kind of entry (the drift mark and its tooltip). Both sides
// are RBAC files as parsed or exported; the header (exportedAt, source) never counts.
import { grantKey } from '../core/rbacPlan';
import type { RbacFile } from '../core/rbacFile';

export interface KindDiff {
  kind: 'roles' | 'privilege groups' | 'grants' | 'user bindings';
  /** On the server, not in the file. */
  onlyServer: number;
  /** In the file, not on the server. */
  onlyFile: number;
}

function keys(file: RbacFile): Record<KindDiff['kind'], Set<string>> {
  return {
    roles: new Set(file.roles.map((r) => JSON.stringify([r.name, r.description ?? '']))),
    'privilege groups': new Set(file.privilegeGroups.map((g) => JSON.stringify([g.name, [...g.privileges].sort()]))),
    grants: new Set(file.grants.map(grantKey)),
    'user bindings': new Set(file.userRoles.flatMap((u) => u.roles.map((r) => JSON.stringify([u.user, r])))),
  };
}

function count(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const k of a) if (!b.has(k)) n++;
  return n;
}

/** The kinds that differ (empty when the server holds exactly the file's model). */
export function modelDiff(server: RbacFile, file: RbacFile): KindDiff[] {
  const s = keys(server);
  const f = keys(file);
  return (Object.keys(s) as KindDiff['kind'][])
    .map((kind) => ({ kind, onlyServer: count(s[kind], f[kind]), onlyFile: count(f[kind], s[kind]) }))
    .filter((d) => d.onlyServer + d.onlyFile > 0);
}

/** e.g. `grants: 2 only on the server, 1 only in the file; roles: 1 only in the file`. */
export function describeModelDiff(diffs: readonly KindDiff[]): string {
  return diffs
    .map((d) => {
      const parts = [
        d.onlyServer > 0 ? `${d.onlyServer} only on the server` : '',
        d.onlyFile > 0 ? `${d.onlyFile} only in the file` : '',
      ].filter(Boolean);
      return `${d.kind}: ${parts.join(', ')}`;
    })
    .join('; ');
}
