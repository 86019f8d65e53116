// Messages between the bench and its test-server child process.
export interface ServerChildStart {
  start: true;
  users: number;
  latencyMs?: number;
  /** Custom roles with grants each, on top of benchSeed (see rbacSeed in scripts/bench/rbac.ts). */
  rbac?: { roles: number; grantsPerRole: number };
}
export interface ServerChildRequest {
  id: number;
  op: 'setLatency' | 'rpcCounts' | 'resetRpcCounts' | 'peakRss' | 'stop';
  arg?: number;
}
export interface ServerChildReply {
  id: number;
  result?: unknown;
  error?: string;
}
