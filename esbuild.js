/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS build script run by node directly */
// Builds everything the extension runs from dist/:
//   dist/extension.js            the extension (vscode + keytar external; the SDK is a separate file loaded on first connect)
//   dist/milvus-sdk.js           @zilliz/milvus2-sdk-node with its Parquet writer stubbed out
//   dist/cli.js                  the milvus-rbac command line (package.json `bin`), sharing the SDK bundle
//                                (scripts/package-cli.js builds the same two into the npm package milvus-rbac)
//   dist/webview/*.js            browser bundles of the webview forms (native controls styled by media/webview.css)
//   dist/node_modules/keytar/    keytar's JS + native binary, so a VSIX built with --no-dependencies can load it
// and first brings the JSON schemas generated from the valibot definitions up to date (scripts/schemas.ts: package.json's
// seedConnections setting, schemas/milvus-rbac.schema.json).
// Usage: node esbuild.js [--production] [--watch]
const esbuild = require('esbuild');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = __dirname;
const dist = path.join(root, 'dist');
const SDK = '@zilliz/milvus2-sdk-node';

/** Any import of the SDK from extension code becomes `require('./milvus-sdk.js')` at run time. */
const sdkAsSiblingBundle = {
  name: 'sdk-as-sibling-bundle',
  setup(build) {
    build.onResolve({ filter: /^@zilliz\/milvus2-sdk-node$/ }, () => ({ path: './milvus-sdk.js', external: true }));
  },
};

/** User management never writes Parquet; the writer pulls in ~1 MB of AWS SDK code. */
const emptyParquet = {
  name: 'empty-parquet',
  setup(build) {
    build.onResolve({ filter: /^@shanghaikid\/parquetjs(\/.*)?$/ }, (args) => ({
      path: args.path,
      namespace: 'empty',
    }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** The SDK's @grpc/proto-loader goes through src/core/milvus/protoLoaderCache.ts, so clients share one parse of the protocol. */
const cachedProtoLoader = {
  name: 'cached-proto-loader',
  setup(build) {
    const cache = path.join(root, 'src/core/milvus/protoLoaderCache.ts');
    build.onResolve({ filter: /^@grpc\/proto-loader$/ }, (args) =>
      args.importer === cache ? undefined : { path: cache },
    );
  },
};

/**
 * The SDK's BaseClient parses its base protocol files in every constructor; src/core/milvus/lazyProtoRoots.ts parses them on
 * first read and shares them. The build fails if an SDK update changes those lines, rather than silently keep the cost.
 */
const lazyProtoRoots = {
  name: 'lazy-proto-roots',
  setup(build) {
    const helper = JSON.stringify(path.join(root, 'src/core/milvus/lazyProtoRoots.ts'));
    build.onLoad({ filter: /milvus2-sdk-node[\\/]dist[\\/]milvus[\\/]grpc[\\/]BaseClient\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const eager = /this\.(schemaProto|milvusProto) = protobufjs_1\.default\.Root\.fromJSON\((\w+)\.default\);/g;
      const found = source.match(eager)?.length ?? 0;
      if (found !== 2)
        throw new Error(`lazy-proto-roots: expected 2 Root.fromJSON assignments in ${args.path}, found ${found}`);
      return {
        contents: source.replace(eager, `require(${helper}).defineLazyRoot(this, "$1", $2.default);`),
        loader: 'js',
      };
    });
  },
};

/** Prints errors in the `[watch]` format the esbuild problem matcher understands. */
const reportErrors = {
  name: 'report-errors',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [reportErrors],
};

const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/** The command line and the SDK bundle beside it, into `outDir` (dist/ here, the npm package's dist/ for package:cli). */
function cliBuilds(outDir, options = {}) {
  const min = options.production ?? production;
  const base = { ...nodeCommon, minify: min, sourcemap: min ? false : 'linked' };
  return [
    {
      ...base,
      entryPoints: [path.join(root, 'src/cli/main.ts')],
      outfile: path.join(outDir, 'cli.js'),
      banner: { js: '#!/usr/bin/env node' },
      // `milvus-rbac --version` (src/cli/version.ts).
      define: { MILVUS_RBAC_VERSION: JSON.stringify(require('./package.json').version) },
      supported: { 'dynamic-import': false },
      plugins: [reportErrors, sdkAsSiblingBundle],
    },
    {
      ...base,
      entryPoints: [require.resolve(SDK)],
      outfile: path.join(outDir, 'milvus-sdk.js'),
      // Optional native/peer modules the SDK's dependencies try inside try/catch.
      external: ['@aws-sdk/signature-v4-crt', 'bufferutil', 'utf-8-validate'],
      plugins: [reportErrors, emptyParquet, cachedProtoLoader, lazyProtoRoots],
    },
  ];
}

function webviewEntries() {
  const dir = path.join(root, 'src/webview/app');
  if (!fs.existsSync(dir)) return [];
  return ['connectionForm', 'userForm', 'accessReport']
    .map((name) => path.join(dir, `${name}.ts`))
    .filter((file) => fs.existsSync(file));
}

function buildOptions() {
  const options = [
    {
      ...nodeCommon,
      entryPoints: [path.join(root, 'src/extension.ts')],
      outfile: path.join(dist, 'extension.js'),
      external: ['vscode', 'keytar'],
      // jsonc-parser's "main" is a UMD build whose requires esbuild cannot follow; its ESM build bundles cleanly.
      mainFields: ['module', 'main'],
      // import() becomes require(), so the SDK bundle loads through Node's CommonJS loader (and shows in require.cache).
      supported: { 'dynamic-import': false },
      plugins: [reportErrors, sdkAsSiblingBundle],
    },
    ...cliBuilds(dist),
  ];
  const web = webviewEntries();
  if (web.length > 0) {
    options.push({
      ...common,
      entryPoints: web,
      outdir: path.join(dist, 'webview'),
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    });
  }
  return options;
}

function copyFile(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(src, dst);
    else copyFile(src, dst);
  }
}

function copyAssets() {
  const keytar = path.join(root, 'node_modules/keytar');
  const binary = path.join(keytar, 'build/Release/keytar.node');
  const target = path.join(dist, 'node_modules/keytar');
  fs.rmSync(target, { recursive: true, force: true });
  if (fs.existsSync(binary)) {
    copyFile(path.join(keytar, 'package.json'), path.join(target, 'package.json'));
    copyDir(path.join(keytar, 'lib'), path.join(target, 'lib'));
    copyFile(binary, path.join(target, 'build/Release/keytar.node'));
  } else {
    console.warn('esbuild: keytar is not built; the keytar secret backend will report itself unavailable');
  }
}

/** Maps left by an earlier development build would not match the minified bundles. */
function removeSourceMaps(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') removeSourceMaps(file);
    else if (entry.name.endsWith('.js.map')) fs.rmSync(file, { force: true });
  }
}

function printSizes() {
  const rows = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!file.endsWith('.map') && !file.endsWith('.vsix'))
        rows.push([path.relative(root, file), fs.statSync(file).size]);
    }
  };
  walk(dist);
  rows.sort((a, b) => b[1] - a[1]);
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, size] of rows) console.log(`${name.padEnd(width)}  ${(size / 1024).toFixed(1).padStart(8)} KB`);
}

/**
 * Runs `fn` of scripts/<script>.ts (bundled to a temporary file: no tsc needed), which rewrites the generated files that
 * changed and returns their paths.
 */
async function runGenerator(script, fn) {
  const bundle = path.join(os.tmpdir(), `milvus-access-manager-${script}-${process.pid}.js`);
  try {
    await esbuild.build({
      ...nodeCommon,
      sourcemap: false,
      entryPoints: [path.join(root, `scripts/${script}.ts`)],
      outfile: bundle,
    });
    return require(bundle)[fn](root);
  } finally {
    fs.rmSync(bundle, { force: true });
  }
}

/**
 * Brings the generated files up to date: the JSON schemas from the valibot definitions (scripts/schemas.ts), and the
 * privilege names and RPC privileges from the SDK's proto JSON (scripts/privilegeProto.ts, §4).
 */
async function writeGenerated() {
  const written = [
    ...(await runGenerator('schemas', 'writeSchemas')),
    ...(await runGenerator('privilegeProto', 'writePrivilegeProto')),
  ];
  if (written.length > 0) console.log(`esbuild: regenerated ${written.join(', ')}`);
}

async function main() {
  await writeGenerated();
  const options = buildOptions();
  if (watch) {
    copyAssets();
    for (const option of options) await (await esbuild.context(option)).watch();
    console.log('esbuild: watching for changes');
    return;
  }
  // dist/ is overwritten file by file, not wiped first: a build running beside a test run or `vsce package` must not
  // pull the bundle from under it.
  await Promise.all(options.map((option) => esbuild.build(option)));
  if (production) removeSourceMaps(dist);
  copyAssets();
  console.log(`esbuild: ${production ? 'production' : 'development'} build done`);
  printSizes();
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { cliBuilds };
