// `npm run package:cli` makes dist/milvus-rbac-<version>.tgz; installed offline into an empty folder outside this
// repository (so nothing can come from its node_modules), the package's own bin runs --version and a plan against the
// test server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningTestServer } from '../milvus-server';
import { runCli } from '../integration/cliRunner';
import { buildCliTarball, RBAC_FILE, startPackageServer, TARBALL, VERSION } from './fixtures';
const ROOT_PASSWORD = 'Tarball-root-1';

describe('the milvus-rbac npm package, installed from its tarball', () => {
  let dir: string;
  let bin: string;
  let server: RunningTestServer;

  before(async () => {
    buildCliTarball();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-cli-tarball-'));
    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "ci-job", "version": "1.0.0", "private": true }\n');
    // Offline, with an empty npm cache of its own: a package with no dependencies needs nothing but the tarball.
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', TARBALL], {
      cwd: project,
      stdio: 'pipe',
      env: { PATH: process.env.PATH ?? '', HOME: dir, npm_config_cache: path.join(dir, 'npm-cache') },
    });
    bin = path.join(project, 'node_modules', '.bin', 'milvus-rbac');
    server = await startPackageServer(ROOT_PASSWORD);
  });
  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the tarball holds a bin, the CLI and the SDK bundle, no native code and no dependencies, within 2 MB', () => {
    assert.ok(fs.statSync(TARBALL).size <= 2 * 1024 * 1024, `${fs.statSync(TARBALL).size} bytes`);
    const files = execFileSync('tar', ['-tzf', TARBALL], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(files, [
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli.js',
      'package/dist/milvus-sdk.js',
      'package/package.json',
    ]);
    const installed = path.join(dir, 'project', 'node_modules');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'milvus-rbac', 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.deepEqual(manifest.bin, { 'milvus-rbac': 'dist/cli.js' });
    assert.equal(manifest.dependencies, undefined);
    assert.deepEqual(fs.readdirSync(installed).sort(), ['.bin', '.package-lock.json', 'milvus-rbac']);
    assert.ok(fs.realpathSync(bin).startsWith(fs.realpathSync(installed)), 'the bin is the installed package');
  });

  test('milvus-rbac --version prints the package version', async () => {
    const run = await runCli(['--version'], {}, { cli: bin, cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), VERSION);
  });

  test('a plan against the test server: exit 2 and the changes, grouped by role', async () => {
    const file = path.join(dir, 'rbac.json');
    fs.writeFileSync(file, JSON.stringify(RBAC_FILE, null, 2));
    const run = await runCli(
      ['plan', '--uri', `http://${server.address}`, '--user', 'root', '--file', file],
      { MILVUS_PASSWORD: ROOT_PASSWORD },
      { cli: bin, cwd: dir },
    );
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stdout, /^Plan \(additive: never removes\) for http:\/\/127\.0\.0\.1:\d+: 3 to add, 0 to change/);
    assert.match(
      run.stdout,
      /\nRole reader \(new\)\n {2}\+ create role reader\n {2}\+ grant Query on collection default\.books to role reader\n {2}\+ bind user ann to role reader\n/,
    );
  });
});
