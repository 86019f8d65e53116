// The GitHub Action's script (scripts/action/run.js, which action.yml runs) as a runner would run it: inputs as
// INPUT_* variables, a fake job summary and output file, a pull-request event, a local HTTP server standing in for the
// GitHub API (GITHUB_API_URL), the packaged CLI installed offline from its tarball, and the Milvus test server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RunningTestServer } from '../milvus-server';
import { buildCliTarball, RBAC_FILE, ROOT, startPackageServer } from './fixtures';

const ROOT_PASSWORD = 'Action-root-pass-3';
const GITHUB_TOKEN = 'ghs_fake_token_for_tests';
const SCRIPT = path.join(ROOT, 'scripts', 'action', 'run.js');
const READS = new Set(['Connect', 'GetVersion', 'BackupRBAC', 'SelectRole', 'SelectUser', 'SelectGrant']);

interface Comment {
  id: number;
  body: string;
}
interface ApiCall {
  method: string;
  url: string;
  authorization: string | undefined;
}

/** The part of the GitHub REST API the action uses: list, create and update issue comments. */
function fakeGitHub(): Promise<{ url: string; comments: Comment[]; calls: ApiCall[]; close(): Promise<void> }> {
  const comments: Comment[] = [{ id: 1, body: 'Looks good to me' }];
  const calls: ApiCall[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (d: string) => (raw += d));
    req.on('end', () => {
      calls.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
      const reply = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.headers.authorization !== `Bearer ${GITHUB_TOKEN}`) return reply(401, { message: 'Bad credentials' });
      if (req.method === 'GET' && url.pathname === '/repos/acme/access/issues/7/comments')
        return reply(200, url.searchParams.get('page') === '1' ? comments : []);
      if (req.method === 'POST' && url.pathname === '/repos/acme/access/issues/7/comments') {
        const comment = { id: comments.length + 100, body: (JSON.parse(raw) as { body: string }).body };
        comments.push(comment);
        return reply(201, comment);
      }
      const patch = /^\/repos\/acme\/access\/issues\/comments\/(\d+)$/.exec(url.pathname);
      const existing = patch && comments.find((c) => c.id === Number(patch[1]));
      if (req.method === 'PATCH' && existing) {
        existing.body = (JSON.parse(raw) as { body: string }).body;
        return reply(200, existing);
      }
      reply(404, { message: 'Not Found' });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        comments,
        calls,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

interface ActionRun {
  code: number | null;
  log: string;
  summary: string;
  output: string;
}

describe('the GitHub Action (scripts/action/run.js)', () => {
  let dir: string;
  let tarball: string;
  let milvus: RunningTestServer;
  let api: Awaited<ReturnType<typeof fakeGitHub>>;
  let rbacFile: string;

  before(async () => {
    tarball = buildCliTarball();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-action-'));
    rbacFile = path.join(dir, 'rbac.json');
    fs.writeFileSync(rbacFile, JSON.stringify(RBAC_FILE, null, 2));
    fs.writeFileSync(path.join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
    milvus = await startPackageServer(ROOT_PASSWORD);
    api = await fakeGitHub();
  });
  after(async () => {
    await milvus?.stop();
    await api?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** One run of the action's step with these inputs; a fresh summary and output file each time. */
  async function runAction(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
    const scratch = fs.mkdtempSync(path.join(dir, 'run-'));
    const summaryFile = path.join(scratch, 'summary.md');
    const outputFile = path.join(scratch, 'output.txt');
    fs.writeFileSync(summaryFile, '');
    fs.writeFileSync(outputFile, '');
    const inputEnv = Object.fromEntries(
      Object.entries({ cli: tarball, file: rbacFile, ...inputs }).map(([k, v]) => [
        `INPUT_${k.replace(/-/g, '_').toUpperCase()}`,
        v,
      ]),
    );
    const child = spawn(process.execPath, [SCRIPT], {
      cwd: scratch,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: scratch,
        // The packaged CLI from its tarball, offline, from an npm cache of its own.
        npm_config_offline: 'true',
        npm_config_cache: path.join(dir, 'npm-cache'),
        RUNNER_TEMP: scratch,
        GITHUB_STEP_SUMMARY: summaryFile,
        GITHUB_OUTPUT: outputFile,
        GITHUB_API_URL: api.url,
        GITHUB_REPOSITORY: 'acme/access',
        GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
        ...inputEnv,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (log += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return {
      code,
      log,
      summary: fs.readFileSync(summaryFile, 'utf8'),
      output: fs.readFileSync(outputFile, 'utf8'),
    };
  }

  const connection = (): Record<string, string> => ({
    uri: `http://${milvus.address}`,
    user: 'root',
    token: GITHUB_TOKEN,
  });
  const writes = (): string[] => Object.keys(milvus.rpcCounts()).filter((m) => !READS.has(m));
  const ours = (): Comment[] => api.comments.filter((c) => c.body.includes('<!-- milvus-rbac-plan '));

  test('plan: the plan in the job summary, changes-pending=true, one PR comment with the marker; nothing written', async () => {
    milvus.resetRpcCounts();
    const run = await runAction({ ...connection(), mode: 'plan' }, { MILVUS_PASSWORD: ROOT_PASSWORD });
    assert.equal(run.code, 0, run.log);
    assert.equal(run.output, 'changes-pending=true\n');
    assert.match(
      run.summary,
      /^\*\*Plan \(additive: never removes\) for http:\/\/127\.0\.0\.1:\d+: 3 to add, 0 to change/,
    );
    assert.match(run.summary, /```diff\n\+ create role reader\n/);
    assert.deepEqual(writes(), []);
    assert.equal(ours().length, 1);
    const [comment] = ours();
    assert.ok(
      comment.body.startsWith(`<!-- milvus-rbac-plan ${rbacFile} http://${milvus.address} -->\n`),
      comment.body,
    );
    assert.ok(comment.body.includes(run.summary.trim()), 'the comment holds the plan of the summary');
    assert.ok(api.calls.every((c) => c.authorization === `Bearer ${GITHUB_TOKEN}`));
  });

  test('plan again: the same comment is updated, not a second one posted', async () => {
    const before = api.calls.length;
    const run = await runAction({ ...connection(), mode: 'plan' }, { MILVUS_PASSWORD: ROOT_PASSWORD });
    assert.equal(run.code, 0, run.log);
    const calls = api.calls.slice(before).map((c) => c.method);
    assert.deepEqual(calls, ['GET', 'PATCH']);
    assert.equal(ours().length, 1);
    assert.equal(api.comments.length, 2, "the reviewer's comment stays");
  });

  test('apply (password as an input): the file is applied, the summary says so; a plan after it has nothing to do', async () => {
    const run = await runAction({ ...connection(), mode: 'apply', password: ROOT_PASSWORD });
    assert.equal(run.code, 0, run.log);
    assert.equal(run.output, 'changes-pending=true\n');
    assert.match(run.summary, /### Applied\n\n````text\n[\s\S]*Done: 3 to add, 0 to change, 0 to remove\./);
    assert.ok(writes().includes('CreateRole'));
    const again = await runAction({ ...connection(), mode: 'plan' }, { MILVUS_PASSWORD: ROOT_PASSWORD });
    assert.equal(again.code, 0, again.log);
    assert.equal(again.output, 'changes-pending=false\n');
    assert.match(again.summary, /: no changes\.\*\*/);
    assert.match(ours()[0].body, /: no changes\.\*\*/);
  });

  test('a wrong password fails the step with the reason, in the log, the summary and the comment; no secret anywhere', async () => {
    const wrong = 'Not-the-password-8';
    const run = await runAction({ ...connection(), mode: 'plan' }, { MILVUS_PASSWORD: wrong });
    assert.equal(run.code, 1);
    assert.match(run.log, /::error title=milvus-rbac::.*Wrong username or password for root@127\.0\.0\.1:\d+/);
    assert.match(run.summary, /### milvus-rbac failed\n\n````text\n.*Wrong username or password/);
    assert.equal(run.output, '', 'no changes-pending when there is no plan');
    assert.match(ours()[0].body, /milvus-rbac failed/);
    for (const where of [run.log, run.summary, ours()[0].body]) {
      assert.ok(!where.includes(wrong) && !where.includes(ROOT_PASSWORD) && !where.includes(GITHUB_TOKEN));
    }
    assert.match(run.log, /^milvus-rbac plan --format markdown --file \S+$/m, 'the CLI runs without a secret argument');
  });

  test('bad inputs fail before anything is installed or sent', async () => {
    const before = api.calls.length;
    const run = await runAction({ ...connection(), mode: 'destroy', token: '' });
    assert.equal(run.code, 1);
    assert.match(run.log, /::error title=milvus-rbac::mode "destroy" is not known: use plan or apply\./);
    assert.doesNotMatch(run.log, /Installing/);
    assert.equal(api.calls.length, before, 'no token: no comment');
  });
});
