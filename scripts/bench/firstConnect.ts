// First connect, measured cold: each sample is a fresh Node process (nothing cached in memory, disk cache warm).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { median } from './stats';

export interface FirstConnectResult {
  /** Which SDK the facade loaded: the production bundle (as the extension does) or node_modules. */
  sdk: 'bundle' | 'node_modules';
  runs: number;
  firstConnectMs: number;
  /** Part of the first connect spent loading the SDK module. */
  sdkLoadMs: number;
  secondConnectMs: number;
  facadeImportMs: number;
  sdkLoadedBeforeConnect: boolean;
  samplesMs: number[];
}

interface ChildOutput {
  importMs: number;
  sdkLoadMs: number;
  sdkLoadedBefore: boolean;
  firstConnectMs: number;
  secondConnectMs: number;
}

function runChild(address: string, sdkBundle: string | undefined): Promise<ChildOutput> {
  const env = { ...process.env };
  if (sdkBundle) env.BENCH_SDK_BUNDLE = sdkBundle;
  else delete env.BENCH_SDK_BUNDLE;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(__dirname, 'firstConnectChild.js'), address],
      { env, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`first-connect child failed: ${err.message}\n${stderr}`));
          return;
        }
        const line = stdout.trim().split('\n').pop() ?? '';
        resolve(JSON.parse(line) as ChildOutput);
      },
    );
  });
}

export async function measureFirstConnect(
  address: string,
  runs: number,
  sdkBundle: string | undefined,
): Promise<FirstConnectResult> {
  const bundle = sdkBundle && fs.existsSync(sdkBundle) ? sdkBundle : undefined;
  const samples: ChildOutput[] = [];
  for (let i = 0; i < runs; i++) samples.push(await runChild(address, bundle));
  return {
    sdk: bundle ? 'bundle' : 'node_modules',
    runs,
    firstConnectMs: median(samples.map((s) => s.firstConnectMs)),
    sdkLoadMs: median(samples.map((s) => s.sdkLoadMs)),
    secondConnectMs: median(samples.map((s) => s.secondConnectMs)),
    facadeImportMs: median(samples.map((s) => s.importMs)),
    sdkLoadedBeforeConnect: samples.some((s) => s.sdkLoadedBefore),
    samplesMs: samples.map((s) => s.firstConnectMs),
  };
}
