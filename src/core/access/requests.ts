// What a Milvus request needs on a given release: the generated table (the SDK's protocol) with the per-release
// differences of requestHistory.ts applied, and the SDK method names users know mapped to the RPCs they send.
import { REQUEST_NEED_CHANGES, RPC_INTRODUCED, type RequestNeedChange } from './requestHistory';
import { atLeast } from './release';
import type { RequestNeed } from './requestNeed';
import { GENERATED_REQUEST_NEEDS, GENERATED_SDK_METHODS, GENERATED_UNCHECKED_RPCS } from './requestNeeds.generated';

export interface ReleaseNeed {
  rpc: string;
  /** Undefined: the proxy checks no privilege for this request on this release. */
  need: RequestNeed | undefined;
  /** The per-release row that applied, when the release differs from the SDK's protocol. */
  change?: RequestNeedChange;
  /** The release the RPC first appeared in, when the server is older (it answers UNIMPLEMENTED, not a refusal). */
  missingUntil?: string;
}

const changeApplies = (change: RequestNeedChange, version: string | undefined): boolean =>
  (change.from === undefined || atLeast(version, change.from)) &&
  (change.until === undefined || !atLeast(version, change.until));

export function isKnownRpc(rpc: string): boolean {
  return rpc in GENERATED_REQUEST_NEEDS || GENERATED_UNCHECKED_RPCS.includes(rpc);
}

/** What `rpc` needs on `version` (GetVersion's text; undefined: the SDK's protocol as is). */
export function needOn(rpc: string, version: string | undefined): ReleaseNeed {
  const change =
    version === undefined ? undefined : REQUEST_NEED_CHANGES.find((c) => c.rpc === rpc && changeApplies(c, version));
  const introduced = RPC_INTRODUCED[rpc];
  const missing = introduced !== undefined && version !== undefined && !atLeast(version, introduced);
  return {
    rpc,
    need: change ? change.need : GENERATED_REQUEST_NEEDS[rpc],
    ...(change ? { change } : {}),
    ...(missing ? { missingUntil: introduced } : {}),
  };
}

/** Every RPC name of the table, checked or not. */
export function knownRpcs(): string[] {
  return [...Object.keys(GENERATED_REQUEST_NEEDS), ...GENERATED_UNCHECKED_RPCS].sort();
}

/** The SDK method names (`search`, `listCollections`), sorted. */
export function sdkOperations(): string[] {
  return Object.keys(GENERATED_SDK_METHODS).sort();
}

/**
 * The RPCs an operation sends: an SDK method name (`search` → DescribeCollection, Search), or an RPC name as the
 * server's error texts and docs spell it (`Search`, `ShowCollections`). Case-insensitive; undefined when unknown.
 */
export function rpcsOfOperation(operation: string): readonly string[] | undefined {
  const sdk = GENERATED_SDK_METHODS[operation];
  if (sdk) return sdk;
  const lower = operation.toLowerCase();
  const method = Object.keys(GENERATED_SDK_METHODS).find((m) => m.toLowerCase() === lower);
  if (method) return GENERATED_SDK_METHODS[method];
  const rpc = knownRpcs().find((r) => r.toLowerCase() === lower);
  return rpc ? [rpc] : undefined;
}

/**
 * The RPCs that need `privilege` on `version` (what a refusal naming the privilege may have come from): an RPC the
 * release does not have yet cannot have been refused (BatchUpdateManifest needs Insert, but only from 3.0.0 on).
 */
export function rpcsNeeding(privilege: string, version: string | undefined): string[] {
  return knownRpcs().filter((rpc) => {
    const release = needOn(rpc, version);
    return release.need?.privilege === privilege && release.missingUntil === undefined;
  });
}
