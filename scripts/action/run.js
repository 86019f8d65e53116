// The GitHub Action of this repository (action.yml at the root runs this file; plain Node, no build, no dependencies).
// It installs the packaged milvus-rbac CLI, runs `plan --format markdown` (which appends the plan to the job summary),
// sets the `changes-pending` output, in apply mode applies the file, and given a token posts or updates one comment on
// the pull request, found again by a hidden marker. The Milvus password or token reaches the CLI only through its
// environment (MILVUS_PASSWORD / MILVUS_TOKEN), never its arguments, and never reaches npm.
// Inputs come as INPUT_* variables (action.yml sets them); GitHub's own: GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
// GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, RUNNER_TEMP.
/* global fetch */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, run by node directly (no build in an action) */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SECRET_VARIABLES = ['MILVUS_PASSWORD', 'MILVUS_TOKEN', 'INPUT_PASSWORD', 'INPUT_MILVUS_TOKEN', 'INPUT_TOKEN'];

function input(name) {
  return (process.env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`] ?? '').trim();
}

/** A workflow command's data, escaped as the runner expects (% and line breaks). */
function escapeData(text) {
  return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function fail(message) {
  console.log(`::error title=milvus-rbac::${escapeData(message)}`);
}

function appendTo(file, text) {
  if (file) fs.appendFileSync(file, text);
}

/** The environment without any secret and without the action's inputs: what npm gets. */
function withoutSecrets(env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (!SECRET_VARIABLES.includes(key) && !key.startsWith('INPUT_')) clean[key] = value;
  }
  return clean;
}

/** Runs a program; resolves with its exit code and what it wrote. `show` copies its output to the job log. */
function run(program, args, env, show) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      if (show) process.stdout.write(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Installs the CLI package (a version on npm, or a tarball) into a scratch folder and returns its bin script. */
async function installCli() {
  const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const spec = input('cli') || `milvus-rbac@${version}`;
  const prefix = fs.mkdtempSync(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'milvus-rbac-'));
  fs.writeFileSync(path.join(prefix, 'package.json'), '{ "private": true }\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  console.log(`Installing ${spec}`);
  const installed = await run(
    npm,
    ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', spec],
    withoutSecrets(process.env),
    false,
  );
  if (installed.code !== 0) throw new Error(`npm could not install ${spec}: ${installed.stderr.trim()}`);
  return fs.realpathSync(path.join(prefix, 'node_modules', '.bin', 'milvus-rbac'));
}

/** The CLI's environment: the runner's, the connection from the inputs, the secret from the step's env or inputs. */
function cliEnv() {
  const env = { ...withoutSecrets(process.env) };
  if (input('uri')) env.MILVUS_URI = input('uri');
  if (input('user')) env.MILVUS_USER = input('user');
  const password = input('password') || process.env.MILVUS_PASSWORD || '';
  const token = input('milvus-token') || process.env.MILVUS_TOKEN || '';
  if (password) env.MILVUS_PASSWORD = password;
  if (token) env.MILVUS_TOKEN = token;
  return env;
}

function options() {
  const mode = input('mode') || 'plan';
  if (mode !== 'plan' && mode !== 'apply') throw new Error(`mode "${mode}" is not known: use plan or apply.`);
  const prune = (input('prune') || 'false').toLowerCase();
  if (prune !== 'true' && prune !== 'false') throw new Error(`prune must be true or false, not "${prune}".`);
  const file = input('file');
  if (!file) throw new Error('file is required: the RBAC file to plan or apply.');
  const args = ['--file', file, ...(prune === 'true' ? ['--prune'] : [])];
  if (input('ca-file')) args.push('--ca-file', input('ca-file'));
  return { mode, file, args };
}

/** The hidden line that finds this job's comment again: one comment per file and server. */
function marker(file) {
  let server = '';
  try {
    const url = new URL(input('uri') || process.env.MILVUS_URI || '');
    server = ` ${url.protocol}//${url.host}`;
  } catch {
    // no or an odd address: one comment per file
  }
  // An HTML comment may not hold "--" or end early at ">".
  return `<!-- milvus-rbac-plan ${`${file}${server}`.replace(/-{2,}/g, '-').replace(/>/g, '')} -->`;
}

function pullRequestNumber() {
  try {
    const event = JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH || '', 'utf8'));
    return event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
  } catch {
    return undefined;
  }
}

async function github(method, url, token, body) {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'milvus-rbac-action',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${new URL(url).pathname}: HTTP ${response.status}`);
  return response.json();
}

/** Posts the comment, or updates the one that carries the marker. Returns what it did. */
async function comment(token, number, mark, text) {
  const api = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
  const issue = `${api}/repos/${process.env.GITHUB_REPOSITORY}/issues/${number}`;
  const body = `${mark}\n${text}`;
  for (let page = 1; page <= 50; page++) {
    const comments = await github('GET', `${issue}/comments?per_page=100&page=${page}`, token);
    const mine = comments.find((c) => typeof c.body === 'string' && c.body.includes(mark));
    if (mine) {
      await github('PATCH', `${api}/repos/${process.env.GITHUB_REPOSITORY}/issues/comments/${mine.id}`, token, {
        body,
      });
      return `updated comment ${mine.id}`;
    }
    if (comments.length < 100) break;
  }
  const created = await github('POST', `${issue}/comments`, token, { body });
  return `posted comment ${created.id}`;
}

function codeBlock(text) {
  return `\`\`\`\`text\n${text.trim()}\n\`\`\`\`\n`;
}

async function main() {
  const summary = process.env.GITHUB_STEP_SUMMARY;
  let report = '';
  let ok = true;
  let file = input('file');
  try {
    const { mode, file: f, args } = options();
    file = f;
    const cli = await installCli();
    const env = cliEnv();
    console.log(`milvus-rbac plan --format markdown ${args.join(' ')}`);
    const plan = await run(process.execPath, [cli, 'plan', '--format', 'markdown', ...args], env, true);
    if (plan.code !== 0 && plan.code !== 2) throw new Error(plan.stderr.trim() || `plan exited with ${plan.code}`);
    const pending = plan.code === 2;
    appendTo(process.env.GITHUB_OUTPUT, `changes-pending=${pending}\n`);
    report = plan.stdout;
    if (mode === 'apply' && pending) {
      console.log(`milvus-rbac apply --yes ${args.join(' ')}`);
      const applied = await run(process.execPath, [cli, 'apply', '--yes', ...args], env, true);
      const outcome = applied.code === 0 ? '### Applied\n\n' : '### Apply failed\n\n';
      const text = `${outcome}${codeBlock(applied.stdout + (applied.code === 0 ? '' : applied.stderr))}`;
      appendTo(summary, `${text}\n`);
      report += `\n${text}`;
      if (applied.code !== 0) {
        ok = false;
        fail(applied.stderr.trim().split('\n').pop() || `apply exited with ${applied.code}`);
      }
    }
  } catch (error) {
    ok = false;
    const message = error instanceof Error ? error.message : String(error);
    fail(message);
    report = `### milvus-rbac failed\n\n${codeBlock(message)}`;
    appendTo(summary, `${report}\n`);
  }
  const token = input('token');
  const number = pullRequestNumber();
  if (token && number !== undefined) {
    try {
      const title = `### Milvus RBAC: \`${file || '?'}\`\n\n`;
      console.log(await comment(token, number, marker(file || '?'), title + report));
    } catch (error) {
      console.log(`::warning title=milvus-rbac::${escapeData(`The pull-request comment failed: ${error.message}`)}`);
    }
  }
  process.exitCode = ok ? 0 : 1;
}

void main();
