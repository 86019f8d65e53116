// The shape of `npm run bench -- --json`.
import type { DeadServerFigures } from './deadServer';
import type { FirstConnectResult } from './firstConnect';
import type { ListingMemory, ListingRow } from './listing';
import type { RbacBenchFigures } from './rbac';
import type { RpcCountFigures } from './rpcCounts';
import type { TreeFigures } from './vscodeProbe/tree';

export interface TargetCheck {
  name: string;
  target: string;
  value: string;
  met: boolean | null;
}

export interface BenchResult {
  date: string;
  /** Where the bundles and the extension came from. */
  measuredFrom: string;
  machine: {
    node: string;
    cpus: number;
    cpuModel: string;
    totalMemBytes: number;
    loadAvgStart: number;
    loadAvgEnd?: number;
  };
  vscode?: { appName: string; version: string; node: string };
  /** Median duration of the extension's activate() function, as the extension measures it (its test API's activationMs). */
  activationMs: number;
  activationHow: 'vscode' | 'node-shim';
  activationSamplesMs: number[];
  /** Median wall time of VS Code's `extension.activate()`: loading dist/extension.js, VS Code's own work, and activate(). */
  activationCallMs: number;
  activationCallSamplesMs: number[];
  /** Median time to require dist/extension.js in plain Node (with a 'vscode' stand-in): the code-loading part. */
  bundleLoadMs?: number;
  sdkLoadedAtActivation: boolean;
  /** SDK modules in the extension host's require.cache after the tree timing connected (proves the check can see them). */
  sdkModulesAfterFirstConnect?: string[];
  bundleBytes: number;
  sdkBundleBytes: number | null;
  totalBundleBytes: number;
  vsixBytes: number | null;
  /** Median first connect: the extension's Connect command in a fresh VS Code (else the SDK bundle in a fresh Node process). */
  firstConnectMs: number;
  firstConnectInVsCodeMs?: number;
  firstConnectInVsCodeSamplesMs: number[];
  firstConnect: FirstConnectResult[];
  rpcCounts: { usersWithRoles: number; rolesWithUsers: number; grantsOfRole: number };
  rpcCountDetail?: RpcCountFigures;
  listing: ListingRow[];
  /** How soon a stopped or frozen server is noticed (the health check Refresh runs, and the idle channel watch). */
  deadServer?: DeadServerFigures;
  /** RBAC as code (scripts/bench/rbac.ts). */
  rbac?: RbacBenchFigures;
  memory: { benchPeakRssBytes: number; listing: ListingMemory[] };
  tree: TreeFigures | null;
  notes: string[];
  targets: TargetCheck[];
  totalBenchMs: number;
}
