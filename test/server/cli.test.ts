// The test server's command line (issue 2): "listening on 127.0.0.1:<port>", the documented flags, clean SIGTERM.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import { AUTH_FAILED, assertGrpcError, assertOk, connectClient, newClient } from './helpers';

const CLI = path.resolve(__dirname, '../milvus-server/cli.js');

interface RunningCli {
  child: ChildProcess;
  port: number;
  /** stdout and stderr up to the "listening on" line. */
  output(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the CLI and resolves once it prints its "listening on" line. */
function startCli(args: string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "listening on" line within 20 s; stdout=${out} stderr=${err}`));
    }, 20_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), exit, output: () => out + err });
      }
    });
    void exit.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited (${code}) before listening; stdout=${out} stderr=${err}`));
    });
  });
}

function run(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout }));
  });
}

describe('command line', () => {
  test('--port 0 --auth --root-password X: prints the real port, root logs in with X only, SIGTERM exits with 0', async () => {
    const cli = await startCli(['--port', '0', '--auth', '--root-password', 'Cli-Root-1']);
    try {
      assert.ok(cli.port > 0);
      const address = `127.0.0.1:${cli.port}`;
      const root = await connectClient(newClient(address, { username: 'root', password: 'Cli-Root-1' }));
      try {
        assertOk(await root.listUsers());
      } finally {
        await root.closeConnection();
      }
      await assertGrpcError(connectClient(newClient(address, { username: 'root', password: 'Milvus' })), AUTH_FAILED);
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.deepEqual(await cli.exit, { code: 0, signal: null });
  });

  test('--root-password-file (mode 600): root logs in with it; the password is in neither argv nor the output', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-cli-'));
    const file = path.join(dir, 'root-password');
    const secret = 'Cli-File-Root-7q';
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    let output = '';
    const cli = await startCli(['--port', '0', '--auth', '--root-password-file', file]);
    cli.child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    cli.child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    try {
      assert.ok(
        !fs.readFileSync(`/proc/${cli.child.pid}/cmdline`, 'utf8').includes(secret),
        'the password is on the command line',
      );
      const root = await connectClient(newClient(`127.0.0.1:${cli.port}`, { username: 'root', password: secret }));
      await root.closeConnection();
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exit;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(!(cli.output() + output).includes(secret), 'the output shows the password');
  });

  test('--root-password-file refuses a file others can read, without showing its content', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-cli-'));
    const file = path.join(dir, 'root-password');
    fs.writeFileSync(file, 'Cli-Open-Root-8w', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    try {
      const { code, stdout } = await run(['--port', '0', '--auth', '--root-password-file', file]);
      assert.notEqual(code, 0);
      assert.match(stdout, /chmod 600/);
      assert.ok(!stdout.includes('Cli-Open-Root-8w'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--root-password (deprecated) still works, warns, and never echoes the password', async () => {
    let output = '';
    const cli = await startCli(['--port', '0', '--auth', '--root-password', 'Cli-Argv-Root-9e']);
    cli.child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    cli.child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    cli.child.kill('SIGTERM');
    await cli.exit;
    const all = cli.output() + output;
    assert.match(all, /--root-password-file/, 'a warning points to --root-password-file');
    assert.ok(!all.includes('Cli-Argv-Root-9e'), 'the output shows the password');
  });

  test('--max-users, --max-roles and --super-users are honoured', async () => {
    const cli = await startCli([
      '--port',
      '0',
      '--auth',
      '--max-users',
      '2',
      '--max-roles',
      '3',
      '--super-users',
      'boss',
    ]);
    try {
      const root = await connectClient(newClient(`127.0.0.1:${cli.port}`, { username: 'root', password: 'Milvus' }));
      try {
        assertOk(await root.createUser({ username: 'boss', password: 'boss-pw-1' }));
        assert.equal((await root.createUser({ username: 'extra', password: 'extra-pw-1' })).code, 9);
        assertOk(await root.createRole({ roleName: 'onlyone' }));
        assert.equal((await root.createRole({ roleName: 'toomany' })).code, 9);
        assertOk(await root.addUserToRole({ username: 'boss', roleName: 'admin' }));
        const boss = await connectClient(
          newClient(`127.0.0.1:${cli.port}`, { username: 'boss', password: 'boss-pw-1' }),
        );
        try {
          assertOk(await boss.updateUser({ username: 'root', oldPassword: '', newPassword: 'new-root-pw' }));
        } finally {
          await boss.closeConnection();
        }
      } finally {
        await root.closeConnection();
      }
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal((await cli.exit).code, 0);
  });

  test('SIGINT also stops it cleanly', async () => {
    const cli = await startCli(['--port', '0']);
    cli.child.kill('SIGINT');
    assert.equal((await cli.exit).code, 0);
  });

  test('--help prints every required flag and exits with 0', async () => {
    const { code, stdout } = await run(['--help']);
    assert.equal(code, 0);
    for (const flag of [
      '--port',
      '--auth',
      '--root-password-file',
      '--root-password',
      '--super-users',
      '--max-users',
      '--max-roles',
    ]) {
      assert.ok(stdout.includes(flag), `--help should mention ${flag}`);
    }
  });
});
