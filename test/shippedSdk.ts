// `node --require out/test/shippedSdk.js …`: `@zilliz/milvus2-sdk-node` then loads dist/milvus-sdk.js, the SDK as
// the extension and the CLI ship it (bundled with src/core/milvus/protoLoaderCache.ts and lazyProtoRoots.ts), instead
// of the package in node_modules. scripts/test.sh runs the server, integration and e2e stages so: they test the SDK
// users run, and a client costs about 23 ms of CPU instead of 275 (the package parses the whole protocol again for
// every `new MilvusClient`). Only the bare specifier is redirected, for require() and for import()
// (src/core/milvus/sdkLoader.ts, through Node's ESM resolver): the test server still reads the protocol files from
// node_modules.
import fs from 'node:fs';
import Module, { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SDK = '@zilliz/milvus2-sdk-node';
const SHIPPED_SDK = path.resolve(__dirname, '../../dist/milvus-sdk.js');

if (!fs.existsSync(SHIPPED_SDK)) {
  throw new Error(`${SHIPPED_SDK} does not exist: build it first (node esbuild.js --production)`);
}

const esmResolve = `export async function resolve(specifier, context, next) {
  return specifier === ${JSON.stringify(SDK)}
    ? { url: ${JSON.stringify(pathToFileURL(SHIPPED_SDK).href)}, format: 'commonjs', shortCircuit: true }
    : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(esmResolve)}`);

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return request === SDK ? SHIPPED_SDK : resolve.call(this, request, ...rest);
};
