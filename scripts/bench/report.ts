// Plain-text table of a bench run.
import type { RbacBenchFigures } from './rbac';
import type { BenchResult } from './result';
import { fmtBytes, fmtMs, mb } from './stats';

/** Columns after the first are right-aligned unless `leftAligned`. */
function table(rows: string[][], leftAligned = false): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const cell = (text: string, c: number): string =>
    c === 0 || leftAligned ? text.padEnd(widths[c]) : text.padStart(widths[c]);
  return rows
    .map((r) =>
      r
        .map((text, c) => cell(text, c))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function ratio(x: number | null): string {
  return x === null ? '-' : `${x.toFixed(x >= 10 ? 0 : 1)}x`;
}

export function printTable(r: BenchResult): void {
  const out: string[] = [];
  const where =
    r.activationHow === 'vscode'
      ? `inside ${r.vscode?.appName ?? 'VS Code'} ${r.vscode?.version ?? ''} (Node ${r.vscode?.node ?? '?'} extension host)`
      : 'NODE SHIM: plain Node + a minimal vscode stand-in, no VS Code';
  out.push(
    `Milvus Access Manager bench, ${r.date}, Node ${r.machine.node}, ${r.machine.cpus} x ${r.machine.cpuModel}, ` +
      `load average ${r.machine.loadAvgStart.toFixed(1)} at start, ${r.machine.loadAvgEnd?.toFixed(1) ?? '?'} at end`,
  );
  out.push(`Measured on: ${r.measuredFrom}`);
  out.push('');
  out.push(
    table(
      [
        ['figure', 'value'],
        ["activate() (median; the extension's own activationMs)", `${fmtMs(r.activationMs)}  [${where}]`],
        ['  samples', r.activationSamplesMs.map((s) => s.toFixed(1)).join(', ')],
        ['extension.activate() incl. loading the bundle (median)', fmtMs(r.activationCallMs)],
        ['  samples', r.activationCallSamplesMs.map((s) => s.toFixed(1)).join(', ')],
        ...(r.bundleLoadMs !== undefined
          ? [['  of which loading dist/extension.js (plain Node, vscode stand-in)', fmtMs(r.bundleLoadMs)]]
          : []),
        [
          'SDK loaded at activation (any SDK module in require.cache)',
          String(r.sdkLoadedAtActivation) +
            (r.sdkModulesAfterFirstConnect
              ? `  (after the first connect: ${r.sdkModulesAfterFirstConnect.join(', ') || 'none'})`
              : ''),
        ],
        ['bundle dist/extension.js', fmtBytes(r.bundleBytes)],
        ['SDK bundle dist/milvus-sdk.js (loaded on first connect)', fmtBytes(r.sdkBundleBytes ?? undefined)],
        ['both bundles', fmtBytes(r.totalBundleBytes)],
        ['VSIX', fmtBytes(r.vsixBytes ?? undefined)],
        ...(r.firstConnectInVsCodeMs !== undefined
          ? [
              [
                'first connect in VS Code (Connect command, fresh extension host, median)',
                `${fmtMs(r.firstConnectInVsCodeMs)}  samples ${r.firstConnectInVsCodeSamplesMs.map((x) => x.toFixed(0)).join(', ')}`,
              ],
            ]
          : []),
        ...r.firstConnect.map((f) => [
          `first connect via ${f.sdk === 'bundle' ? 'dist/milvus-sdk.js' : 'node_modules SDK'} (median of ${f.runs} fresh processes)`,
          `${fmtMs(f.firstConnectMs)} (SDK load ${fmtMs(f.sdkLoadMs)}, client + Connect ${fmtMs(f.firstConnectMs - f.sdkLoadMs)}); second connect ${fmtMs(f.secondConnectMs)}`,
        ]),
        [
          'RPCs: users with roles / roles with users / grants of a role',
          `${r.rpcCounts.usersWithRoles} / ${r.rpcCounts.rolesWithUsers} / ${r.rpcCounts.grantsOfRole}  (counted by the test server, ${r.rpcCountDetail?.users ?? '?'} users)`,
        ],
      ],
      true,
    ),
  );
  if (r.rpcCountDetail) {
    const d = r.rpcCountDetail.byMethod;
    out.push(
      `  by method: users ${JSON.stringify(d.usersWithRoles)}, roles ${JSON.stringify(d.rolesWithUsers)}, grants ${JSON.stringify(d.grantsOfRole)}; connect ${JSON.stringify(r.rpcCountDetail.connect)}`,
    );
  }
  if (r.deadServer) {
    const d = r.deadServer;
    out.push(
      `Server gone (health check as Refresh runs it, deadline ${fmtMs(d.deadlineMs)}): after the process exited ${fmtMs(d.stoppedMs)} (${d.stoppedKind}); ` +
        `frozen server ${fmtMs(d.frozenMs)} (${d.frozenKind}); an idle connection's channel watch reported the exit after ${d.watchMs === null ? 'no report in 20 s' : fmtMs(d.watchMs)}`,
    );
    if (d.frozenBusy)
      out.push(
        `Refresh against a frozen server with ${d.frozenBusy.inFlight} listings waiting on it and ${d.frozenBusy.burners} busy processes: ` +
          `health check failed after ${fmtMs(d.frozenBusy.pingMs)} (${d.frozenBusy.kind}), every listing settled (the tree shows the state) after ${fmtMs(d.frozenBusy.settledMs)}`,
      );
  }
  out.push('');
  out.push(
    'Listing users with their roles (median ms; ratio = per-user time / one-call time; RPCs counted by the server at 0 ms)',
  );
  out.push(
    table([
      [
        'users',
        'latency',
        'one call',
        'per-user seq (Attu)',
        'ratio',
        'per-user concurrent',
        'ratio',
        'RPCs one/per-user',
        'runs 1/seq/conc',
      ],
      ...r.listing.map((l) => [
        l.users.toLocaleString('en-US'),
        `${l.latencyMs} ms`,
        fmtMs(l.oneCallMs),
        fmtMs(l.perUserSequentialMs ?? undefined),
        ratio(l.sequentialRatio),
        fmtMs(l.perUserConcurrentMs ?? undefined),
        ratio(l.concurrentRatio),
        l.rpcs
          ? `${l.rpcs.oneCall}/${Number.isNaN(l.rpcs.perUserSequential) ? l.rpcs.perUserConcurrent : l.rpcs.perUserSequential}`
          : '',
        `${l.runs.oneCall}/${l.runs.perUserSequential}/${l.runs.perUserConcurrent}`,
      ]),
    ]),
  );
  out.push('');
  out.push(
    `Peak memory (RSS): bench process ${mb(r.memory.benchPeakRssBytes)} MB; ` +
      r.memory.listing
        .map(
          (m) =>
            `${m.users.toLocaleString('en-US')} users: client ${mb(m.clientPeakRssBytes)} MB, server ${mb(m.serverPeakRssBytes)} MB`,
        )
        .join('; '),
  );
  if (r.tree) {
    const t = r.tree;
    out.push(
      `Tree, ${t.users.toLocaleString('en-US')} users (page size ${t.pageSize}): first expansion of Users shows ${t.itemsInFirstPage} items, ` +
        `longest synchronous slice ${fmtMs(t.longestBlockMs)} (getTreeItem loop ${fmtMs(t.firstPage.treeItemsMs)}), ${fmtMs(t.totalMs)} from click to items`,
    );
    if (t.refreshed) {
      out.push(
        `  refresh of Users on the warm connection (fetch ${t.users.toLocaleString('en-US')} again, first page): longest slice ${fmtMs(t.refreshed.longestBlockMs)}, ` +
          `${fmtMs(t.refreshed.totalMs)} from click to items`,
      );
    }
    if (t.allShown) {
      out.push(
        `  after ${t.allShown.showMoreClicks} x "Show more" (all ${t.allShown.items} items at once): longest slice ${fmtMs(t.allShown.longestBlockMs)}, ` +
          `getTreeItem loop ${fmtMs(t.allShown.treeItemsMs)}`,
      );
    }
    out.push(`  how: ${t.how}`);
  } else out.push('Tree, 10,000 users: not measured');
  out.push('');
  if (r.rbac) out.push(...printRbac(r.rbac), '');
  out.push('Targets (issue 5)');
  out.push(
    table(
      [
        ['target', 'goal', 'measured', 'met'],
        ...r.targets.map((t) => [t.name, t.target, t.value, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO']),
      ],
      true,
    ),
  );
  if (r.notes.length > 0) {
    out.push('');
    for (const n of r.notes) out.push(`note: ${n}`);
  }
  out.push(`bench took ${fmtMs(r.totalBenchMs)}`);
  console.log(out.join('\n'));
}

/** The RBAC-as-code lines: whole-model reads, the exact plan, the multi-target apply. */
export function printRbac(x: RbacBenchFigures): string[] {
  const read = (f: RbacBenchFigures['backupRbac']): string =>
    `${fmtMs(f.medianMs)}, ${f.rpcs.toLocaleString('en-US')} RPCs ${JSON.stringify(f.byMethod)}`;
  const a = x.apply;
  return [
    `RBAC as code: ${x.server.users.toLocaleString('en-US')} users, ${x.server.roles.toLocaleString('en-US')} roles × ${x.server.grantsPerRole} grants, ${x.server.collections} collections in ${x.server.databases} databases (median of ${x.readRuns} reads)`,
    `  whole model, one BackupRBAC: ${read(x.backupRbac)}`,
    `  whole model, role by role (no BackupRBAC): ${read(x.roleByRole)}`,
    `  exact plan (10 roles dropped, 5 added): ${x.plan.steps} steps; read + plan ${fmtMs(x.plan.readAndPlanMs)} (${x.plan.rpcs} RPCs), plan alone ${fmtMs(x.plan.planOnlyMs)}`,
    `  ${a.targets}-target exact apply (${a.stepsPerTarget} steps each, targets in parallel): ${fmtMs(a.wallMs)} in all, ` +
      `${fmtMs(a.perTargetMedianMs)} per target (median), ${a.rpcs.toLocaleString('en-US')} RPCs; second plan empty everywhere: ${a.converged ? 'yes' : 'NO'}`,
    ...(x.answers
      ? [
          `  explanation: ${x.answers.explainExtraRpcs} RPCs after the model, ${fmtMs(x.answers.explainMs)} with the read (load ${x.answers.load.explain})`,
          `  RBAC health: ${x.answers.healthRpcs} RPCs ${JSON.stringify(x.answers.healthByMethod)}, ${x.answers.findings} findings, ${fmtMs(x.answers.healthMs)} (load ${x.answers.load.health})`,
          `  upgrade impact to 3.0.0: 0 RPCs (local), ${fmtMs(x.answers.upgradeMs)} (load ${x.answers.load.upgrade})`,
        ]
      : []),
  ];
}
