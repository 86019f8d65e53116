/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS build script run by node directly */
// `npm run package:cli`: the milvus-rbac command line as its own npm package, dist/milvus-rbac-<version>.tgz:
//   package/package.json   name milvus-rbac, a `bin`, no dependencies (everything is bundled)
//   package/dist/cli.js    the command line (production bundle)
//   package/dist/milvus-sdk.js  the Milvus SDK bundle it loads on connect
//   package/README.md      docs/cli.md, package/LICENSE
// No native code, no dev dependency; the build fails above 2 MB. Install: npm install -g ./milvus-rbac-<version>.tgz
// (or npx, once published).
const esbuild = require('esbuild');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { cliBuilds } = require('../esbuild.js');

const root = path.join(__dirname, '..');
const MAX_BYTES = 2 * 1024 * 1024;

function manifest(extension) {
  return {
    name: 'milvus-rbac',
    version: extension.version,
    description:
      'RBAC as code for Milvus: export, plan and apply roles, privilege groups, grants and role bindings (CI).',
    keywords: ['milvus', 'rbac', 'zilliz', 'access control', 'ci'],
    license: extension.license,
    repository: extension.repository,
    bin: { 'milvus-rbac': 'dist/cli.js' },
    files: ['dist/cli.js', 'dist/milvus-sdk.js'],
    engines: { node: extension.engines.node },
  };
}

async function main() {
  const extension = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'milvus-rbac-package-'));
  try {
    await Promise.all(cliBuilds(path.join(stage, 'dist'), { production: true }).map((o) => esbuild.build(o)));
    fs.chmodSync(path.join(stage, 'dist/cli.js'), 0o755);
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest(extension), null, 2)}\n`);
    fs.copyFileSync(path.join(root, 'docs/cli.md'), path.join(stage, 'README.md'));
    fs.copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
    const out = path.join(root, 'dist');
    fs.mkdirSync(out, { recursive: true });
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
        cwd: stage,
        encoding: 'utf8',
        env: { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
      }),
    )[0];
    const tarball = path.join(out, packed.filename);
    const bytes = fs.statSync(tarball).size;
    const native = packed.files.filter((f) => f.path.endsWith('.node'));
    if (native.length > 0) throw new Error(`package:cli: native files in the package: ${native.map((f) => f.path)}`);
    if (bytes > MAX_BYTES) throw new Error(`package:cli: ${packed.filename} is ${bytes} bytes, over ${MAX_BYTES}`);
    for (const f of packed.files) console.log(`  ${f.path.padEnd(20)} ${(f.size / 1024).toFixed(1).padStart(8)} KB`);
    console.log(`package:cli: ${path.relative(root, tarball)} (${(bytes / 1024).toFixed(1)} KB)`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
