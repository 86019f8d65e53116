// One fresh process = one cold first connect. Prints one JSON line: facade import, first connect (SDK load + client +
// Connect), a second connect in the same process (SDK already loaded), and which SDK file was loaded.
import { createRequire, register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchProfile } from './benchProfile';
import { nowMs } from './stats';

async function main(): Promise<void> {
  const address = process.argv[2];
  register(pathToFileURL(path.join(__dirname, 'sdkAliasHooks.js')).href);
  const t0 = nowMs();
  // Loaded here, not at the top, so the import cost is measured and the SDK alias hook is in place first.
  const load = createRequire(__filename);
  const facade = load('../../src/core/milvus/connect') as typeof import('../../src/core/milvus/connect');
  const loader = load('../../src/core/milvus/sdkLoader') as typeof import('../../src/core/milvus/sdkLoader');
  const importMs = nowMs() - t0;
  const sdkLoadedBefore = loader.isSdkLoaded();

  // First connect = SDK load + client + Connect; loading the SDK first (as connectMilvus does) splits the two.
  const t1 = nowMs();
  await loader.loadSdk();
  const sdkLoadMs = nowMs() - t1;
  const first = await facade.connectMilvus(benchProfile(address), undefined, { timeoutMs: 15000 });
  const firstConnectMs = nowMs() - t1;
  await first.close();

  const t2 = nowMs();
  const second = await facade.connectMilvus(benchProfile(address), undefined, { timeoutMs: 15000 });
  const secondConnectMs = nowMs() - t2;
  await second.close();

  const sdkFiles = Object.keys(require.cache).filter((k) =>
    /milvus2-sdk-node[\\/]dist[\\/]milvus[\\/]index\.js$|milvus-sdk\.js$/.test(k),
  );
  process.stdout.write(
    `${JSON.stringify({ importMs, sdkLoadedBefore, sdkLoadMs, firstConnectMs, secondConnectMs, sdkFiles, rss: process.memoryUsage().rss })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
