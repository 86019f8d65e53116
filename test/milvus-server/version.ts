import { RPC_FIRST_TAG } from './catalogue/rpcs';

// Behaviour that depends on the release the server reports (options.version), for the few requests whose fields older
// protocols lack: a field a server's protocol does not know is skipped on decode, so the request acts as if unset.

/** `v2.4.9` → [2, 4, 9]; anything unparsable counts as the newest release. */
function parts(version: string): [number, number, number] {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : [Infinity, 0, 0];
}

export function versionAtLeast(version: string, major: number, minor: number, patch: number): boolean {
  const [a, b, c] = parts(version);
  return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}

/** DropRoleRequest.force_drop arrived in proto v2.4.10 (docs/milvus-behaviour.md §1.2, §3.3 R7). */
export const knowsForceDrop = (version: string): boolean => versionAtLeast(version, 2, 4, 10);

/** User and role descriptions, and AlterRole, arrived in proto v2.6.19 (§1.2, §9). */
export const knowsDescriptions = (version: string): boolean => versionAtLeast(version, 2, 6, 19);

/**
 * `proxy.resolveAliasForPrivilege` (on by default): grants, SelectGrant filters and privilege checks use the collection
 * an alias names. Its config entry says 2.6.9, but the change (#48052) first shipped in v2.6.12 (§3.3 G15, §9).
 */
export const resolvesAliasesInGrants = (version: string): boolean => versionAtLeast(version, 2, 6, 12);

/** Does the reported release's protocol have the RPC (§1's table; catalogue/rpcs.ts per milvus-proto tag)? */
export function hasRpc(method: string, version: string): boolean {
  const since = Object.prototype.hasOwnProperty.call(RPC_FIRST_TAG, method) ? RPC_FIRST_TAG[method] : undefined;
  return since === undefined || versionAtLeast(version, ...since);
}

/** Drops the request fields the reported release's protocol lacks, as its decoder would skip them. */
export function withoutUnknownFields(request: Record<string, unknown>, version: string): Record<string, unknown> {
  if (knowsDescriptions(version)) return request;
  const rest = { ...request };
  delete rest.description;
  if (typeof rest.entity === 'object' && rest.entity !== null && 'description' in rest.entity) {
    const entity = { ...(rest.entity as Record<string, unknown>) };
    delete entity.description;
    rest.entity = entity;
  }
  return rest;
}

/**
 * The error-text era of a release (docs/milvus-behaviour.md §3.2): `merr` 2.6.19+ (code 1100 and the
 * `: invalid parameter` suffix), `broadcast` 2.6.6–2.6.18 (code 65535, no suffix), `legacy` 2.6.5 and older (the 2.5
 * rootcoord: 65535, no suffix, a few other texts, the checks done inline).
 */
export type ErrorEra = 'merr' | 'broadcast' | 'legacy';

export function errorEra(version: string): ErrorEra {
  if (versionAtLeast(version, 2, 6, 19)) return 'merr';
  return versionAtLeast(version, 2, 6, 6) ? 'broadcast' : 'legacy';
}

/** The 2.5 line and older (§3.1's "2.5" texts of the proxy's name checks; `-` and `.` in usernames came in 2.6.0). */
export const isLine25OrOlder = (version: string): boolean => !versionAtLeast(version, 2, 6, 0);

/** The nine built-in privilege groups are listed and grantable from proto v2.4.18 (§9). */
export const knowsBuiltInGroups = (version: string): boolean => versionAtLeast(version, 2, 4, 18);
