// Module resolve hook (module.register) for the first-connect child: '@zilliz/milvus2-sdk-node' becomes a one-line ES
// module that require()s the SDK (the production bundle in $BENCH_SDK_BUNDLE, else the package from node_modules), so the
// SDK loads through require as in the extension bundle, where esbuild turns the dynamic import into require('./milvus-sdk.js').
// (A plain import() of a CommonJS file would first run Node's export-name scan over the 1.2 MB bundle: a cost the
// extension never pays.)
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface ResolveContext {
  conditions: string[];
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier !== '@zilliz/milvus2-sdk-node') return next(specifier, context);
  const file = process.env.BENCH_SDK_BUNDLE || createRequire(__filename).resolve('@zilliz/milvus2-sdk-node');
  const source =
    `import { createRequire } from 'node:module';\n` +
    `export default createRequire(${JSON.stringify(pathToFileURL(file).href)})(${JSON.stringify(file)});\n`;
  return { url: `data:text/javascript,${encodeURIComponent(source)}`, shortCircuit: true };
}
