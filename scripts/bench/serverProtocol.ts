// Messages between the bench and its test-server child process.
export interface ServerChildStart {
  start: true;
  users: number;
  latencyMs?: number;
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
