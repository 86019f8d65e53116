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

/** DropRoleRequest.force_drop arrived in proto v2.4.10 (milvus-rbac-semantics.md §2 DropRoleRequest, R7). */
export const knowsForceDrop = (version: string): boolean => versionAtLeast(version, 2, 4, 10);
