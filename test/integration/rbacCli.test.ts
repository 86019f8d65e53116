// The milvus-rbac command line against the test server, from the built bundle: in a child process as CI runs it where
// the process itself is checked (the exit code it sets, no Node warning on stderr, TLS) and where a secret must not be
// echoed (anything the process prints counts, not only what reaches main()'s streams); else its main() in this process
// (runCliInProcess), which prints and returns the same.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningTestServer } from '../milvus-server';
import { makeCerts, type TestCerts } from '../fixtures/certs';
import { deadPort, NEWEST_ONLY, ROOT_PASSWORD, startServer } from './helpers';
import { ensureCliBundle, runCli, runCliInProcess } from './cliRunner';

const READS = new Set([
  'Connect',
  'GetVersion',
  'BackupRBAC',
  'SelectRole',
  'SelectUser',
  'SelectGrant',
  'ListPrivilegeGroups',
]);
const DEPLOYER_PASSWORD = 'Deployer-1';

function writes(server: RunningTestServer): string[] {
  return Object.keys(server.rpcCounts()).filter((m) => !READS.has(m));
}

const FILE = {
  format: 'milvus-access-manager/rbac',
  version: 1,
  exportedAt: '2026-01-02T03:04:05.000Z',
  source: { address: 'http://staging:19530', serverVersion: 'v2.6.19' },
  roles: [{ name: 'reader', description: 'Reads books' }],
  privilegeGroups: [{ name: 'readers', privileges: ['Query', 'Search'] }],
  grants: [{ role: 'reader', privilege: 'readers', dbName: 'default', collectionName: 'books' }],
  userRoles: [
    { user: 'ann', roles: ['reader'] },
    { user: 'zed', roles: ['reader'] },
  ],
};

/** One line on stderr, ours: no Node warning, no raw gRPC text ("No connection established … Resolution note:"). */
function assertOurSentenceOnly(stderr: string): void {
  assert.doesNotMatch(stderr, /DeprecationWarning|DEP0123|--trace-deprecation/);
  assert.doesNotMatch(stderr, /Resolution note|No connection established|Last error/);
  assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
}

let dir: string;
const fileAt = (name: string, content: unknown): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
};

before(() => {
  ensureCliBundle();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-cli-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// The CLI's plans need privilege groups and V2 grants: it runs in the newest release's process of the matrix.
describe('milvus-rbac against a server with more than the file (auth on)', NEWEST_ONLY, () => {
  let server: RunningTestServer;
  let uri: string;
  const root = { MILVUS_PASSWORD: ROOT_PASSWORD };
  const deployer = { MILVUS_PASSWORD: DEPLOYER_PASSWORD };

  before(async () => {
    server = await startServer({
      auth: true,
      seed: {
        users: [
          { name: 'ann', password: 'Ann-pass-1', roles: ['legacy'] },
          { name: 'bob', password: 'Bob-pass-1', roles: ['legacy'] },
          { name: 'deployer', password: DEPLOYER_PASSWORD, roles: ['ops'] },
        ],
        roles: ['legacy', 'ops'],
        grants: [
          { role: 'legacy', privilege: 'Insert', objectType: 'Collection', objectName: 'books', dbName: 'default' },
          // deployer's only path to the RBAC privileges: ops holds ClusterAdmin on the cluster.
          { role: 'ops', privilege: 'ClusterAdmin', objectType: 'Global', objectName: '*', dbName: '*' },
        ],
        privilegeGroups: [{ name: 'oldgroup', privileges: ['Insert'] }],
        collections: [{ name: 'books', db: 'default' }],
      },
    });
    uri = `http://${server.address}`;
  });
  after(() => server.stop());

  test('--password is refused, saying why, before anything is sent', async () => {
    server.resetRpcCounts();
    for (const flag of ['--password', '--password=Milvus', '--token']) {
      const run = await runCli(['plan', '--uri', uri, '--user', 'root', flag, 'x', '--file', 'f.json'].filter(Boolean));
      assert.equal(run.code, 1, run.stderr);
      assert.match(
        run.stderr,
        /is refused: a secret on the command line is visible to other users of this machine \(ps\) and stays in the shell history/,
      );
      assert.match(run.stderr, flag === '--token' ? /MILVUS_TOKEN/ : /MILVUS_PASSWORD/);
      assert.doesNotMatch(run.stderr + run.stdout, /Milvus\b(?!_)/);
    }
    assert.deepEqual(server.rpcCounts(), {});
  });

  test('a wrong password says so and what to check; the password is not echoed', async () => {
    const run = await runCli(['export', '--uri', uri, '--user', 'root'], { MILVUS_PASSWORD: 'Not-the-pass-9' });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /Wrong username or password for root@127\.0\.0\.1:\d+\. Check --user and MILVUS_PASSWORD\./,
    );
    assert.doesNotMatch(run.stderr + run.stdout, /Not-the-pass-9/);
  });

  test('a dead server and a missing password are explained', async () => {
    const dead = await runCli(['export', '--uri', `http://127.0.0.1:${await deadPort()}`, '--timeout-ms', '2000'], {});
    assert.equal(dead.code, 1);
    assert.match(dead.stderr, /^Error: Cannot reach Milvus at 127\.0\.0\.1:\d+\. Check that the server is running/);
    assertOurSentenceOnly(dead.stderr);
    const noPassword = await runCliInProcess(['export', '--uri', uri, '--user', 'root']);
    assert.equal(noPassword.code, 1);
    assert.match(noPassword.stderr, /--user root needs a password: set MILVUS_PASSWORD/);
  });

  test('apply without --yes and bad files send no write', async () => {
    server.resetRpcCounts();
    const good = fileAt('good.json', FILE);
    const noYes = await runCliInProcess(['apply', '--uri', uri, '--user', 'root', '--file', good], root);
    assert.equal(noYes.code, 1);
    assert.match(noYes.stderr, /run apply with --yes/);
    const bad = {
      'not JSON': ['{ "format": ', /not valid JSON/],
      'a password field': [
        { ...FILE, userRoles: [{ user: 'ann', roles: ['reader'], password: 'x' }] },
        /never carry passwords/,
      ],
      'an unknown privilege': [
        { ...FILE, privilegeGroups: [{ name: 'readers', privileges: ['Serch'] }] },
        /"Serch" is not a Milvus privilege/,
      ],
      'a role nobody has': [
        { ...FILE, grants: [{ ...FILE.grants[0], role: 'ghost' }] },
        /role "ghost", which is (neither in the file's roles nor on this server|not in the file's roles)/,
      ],
    } as const;
    for (const [name, [content, message]] of Object.entries(bad)) {
      const file = fileAt('bad.json', content);
      for (const command of [['plan'], ['apply', '--prune', '--yes']]) {
        const run = await runCliInProcess([...command, '--uri', uri, '--user', 'root', '--file', file], root);
        assert.equal(run.code, 1, `${name} ${command.join(' ')}: ${run.stdout}${run.stderr}`);
        assert.match(run.stderr, message);
        assert.match(run.stderr, /Nothing was sent\./);
        assert.doesNotMatch(run.stdout, /^ok /m);
      }
    }
    assert.deepEqual(writes(server), []);
  });

  test('plan (additive): exit 2, what would be added, grouped by role; no colours in a pipe; --json', async () => {
    const file = fileAt('rbac.json', FILE);
    const run = await runCli(['plan', '--uri', uri, '--user', 'root', '--file', file], root);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stdout,
      /^Plan \(additive: never removes\) for http:\/\/127\.0\.0\.1:\d+: 4 to add, 1 to change, 0 to remove\./,
    );
    assert.match(
      run.stdout,
      /\nRole reader \(new\)\n {2}\+ create role reader\n {2}\+ grant readers on collection default\.books to role reader\n {2}\+ bind user ann to role reader\n/,
    );
    assert.match(run.stdout, /Skipped users \(1\), missing on the server .*: zed/);
    assert.ok(!run.stdout.includes('\u001b['), 'no colour codes in a pipe');
    const json = await runCliInProcess(['plan', '--uri', uri, '--user', 'root', '--file', file, '--json'], root);
    assert.equal(json.code, 2);
    const plan = JSON.parse(json.stdout) as {
      mode: string;
      changes: Record<string, number>;
      steps: { text: string }[];
    };
    assert.equal(plan.mode, 'additive');
    assert.deepEqual(plan.changes, { add: 4, change: 1, remove: 0 });
    assert.equal(plan.steps[0].text, 'create privilege group readers');
  });

  test('plan --prune as deployer: removals listed, its own path left out with the reason', async () => {
    const file = fileAt('rbac.json', FILE);
    const run = await runCliInProcess(
      ['plan', '--prune', '--uri', uri, '--user', 'deployer', '--file', file],
      deployer,
    );
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stdout,
      /\nRole legacy \(dropped\)\n {2}- unbind user ann from role legacy\n {2}- unbind user bob from role legacy\n {2}- revoke Insert on collection default\.books from role legacy\n {2}- drop role legacy\n/,
    );
    assert.match(run.stdout, /\n {2}- drop privilege group oldgroup\n/);
    assert.match(
      run.stdout,
      /\nLeft out \(3\)\n {2}! unbind user deployer from role ops: deployer runs this plan, and this is its last path to [A-Za-z, ]*ManageOwnership/,
    );
    assert.match(run.stdout, /! revoke ClusterAdmin on cluster from role ops: /);
    assert.match(run.stdout, /! drop role ops: /);
    assert.doesNotMatch(run.stdout, /^ {2}- .*role ops$/m);
  });

  test('plan --format markdown: the same plan for a PR comment, appended to $GITHUB_STEP_SUMMARY too', async () => {
    const file = fileAt('rbac.json', FILE);
    const summary = fileAt('summary.md', '# Earlier step\n');
    const base = ['plan', '--prune', '--uri', uri, '--user', 'deployer', '--file', file];
    const run = await runCliInProcess([...base, '--format', 'markdown'], { ...deployer, GITHUB_STEP_SUMMARY: summary });
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stdout,
      /^\*\*Plan \(exact: removes what the file lacks\) for http:\/\/127\.0\.0\.1:\d+: 4 to add, 1 to change, 5 to remove\.\*\* left out: 3, skipped users: 1\.\n/,
    );
    assert.match(run.stdout, /\n> \[!WARNING\]\n> This plan removes 5:\n/);
    assert.match(run.stdout, /\n> \[!NOTE\]\n> Left out \(3\): this plan does not run these steps\.\n/);
    assert.match(run.stdout, /\n#### Role legacy \(dropped\)\n\n```diff\n- unbind user ann from role legacy\n/);
    assert.equal(fs.readFileSync(summary, 'utf8'), `# Earlier step\n${run.stdout}\n`);
    const text = await runCliInProcess(base, deployer);
    assert.equal((await runCliInProcess([...base, '--format', 'text'], deployer)).stdout, text.stdout);
    const json = await runCliInProcess([...base, '--format', 'json'], { ...deployer, GITHUB_STEP_SUMMARY: summary });
    assert.equal(json.code, 2);
    assert.equal(json.stdout, (await runCliInProcess([...base, '--json'], deployer)).stdout);
    assert.equal(
      fs.readFileSync(summary, 'utf8'),
      `# Earlier step\n${run.stdout}\n`,
      'only markdown goes to the summary',
    );
    const misuse = {
      'apply --format markdown': [['apply', '--yes', '--format', 'markdown'], /--format markdown belongs to plan/],
      '--json --format text': [['plan', '--json', '--format', 'text'], /--json and --format text disagree/],
      '--format html': [['plan', '--format', 'html'], /--format html is not known: use text, json or markdown/],
    } as const;
    for (const [name, [args, message]] of Object.entries(misuse)) {
      const bad = await runCliInProcess([...args, '--uri', uri, '--user', 'deployer', '--file', file], deployer);
      assert.equal(bad.code, 1, name);
      assert.match(bad.stderr, message, name);
    }
  });

  test('apply --prune: one line per step, exit 0; a second plan is empty (exit 0), deployer still in charge', async () => {
    const file = fileAt('rbac.json', FILE);
    const run = await runCliInProcess(
      ['apply', '--prune', '--yes', '--uri', uri, '--user', 'deployer', '--file', file],
      deployer,
    );
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const lines = run.stdout.split('\n').filter((l) => /^ok {6}\d+\/\d+ [+~-] /.test(l));
    const total = Number(/Applying (\d+) steps/.exec(run.stdout)?.[1]);
    assert.equal(lines.length, total);
    assert.match(run.stdout, /^ok {6}1\/\d+ \+ create privilege group readers$/m);
    assert.match(run.stdout, /^Done: /m);
    for (const prune of [['--prune'], []]) {
      const again = await runCliInProcess(
        ['plan', ...prune, '--uri', uri, '--user', 'deployer', '--file', file],
        deployer,
      );
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.match(again.stdout, /: no changes\./);
    }
    const exported = await runCliInProcess(['export', '--uri', uri, '--user', 'root'], root);
    assert.equal(exported.code, 0);
    const model = JSON.parse(exported.stdout) as typeof FILE;
    assert.deepEqual(model.roles, [{ name: 'ops' }, { name: 'reader', description: 'Reads books' }]);
    assert.deepEqual(
      model.privilegeGroups,
      FILE.privilegeGroups.map((g) => ({ ...g, privileges: [...g.privileges].sort() })),
    );
    assert.deepEqual(model.userRoles, [
      { user: 'ann', roles: ['reader'] },
      { user: 'deployer', roles: ['ops'] },
    ]);
  });

  test('the connection from MILVUS_URI, MILVUS_USER and MILVUS_DB alone; flags win over them', async () => {
    const file = fileAt('rbac.json', FILE);
    const env = { MILVUS_URI: uri, MILVUS_USER: 'root', MILVUS_PASSWORD: ROOT_PASSWORD, MILVUS_DB: 'default' };
    const run = await runCliInProcess(['plan', '--file', file], env);
    assert.ok(run.code === 0 || run.code === 2, run.stderr); // 0 once an earlier test has applied the file
    assert.match(run.stdout, /^Plan \(additive: never removes\) for http:\/\/127\.0\.0\.1:\d+: /);
    const missingDb = await runCliInProcess(['export'], { ...env, MILVUS_DB: 'nowhere' });
    assert.equal(missingDb.code, 1);
    assert.match(missingDb.stderr, /nowhere/);
    const flagWins = await runCliInProcess(['export', '--db', 'default', '--uri', uri], {
      ...env,
      MILVUS_URI: `http://127.0.0.1:${await deadPort()}`,
      MILVUS_DB: 'nowhere',
    });
    assert.equal(flagWins.code, 0, flagWins.stderr);
  });

  test('export --out writes the file and says so, one privilege group in the singular', async () => {
    const out = path.join(dir, 'export.json');
    const run = await runCliInProcess(['export', '--uri', uri, '--user', 'root', '--out', out], root);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^Exported 2 roles, 1 privilege group, 2 grants, 2 user bindings from http:\/\/127\.0\.0\.1:\d+ to /,
    );
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).format, 'milvus-access-manager/rbac');
  });
});

describe('milvus-rbac: a refusal half-way', NEWEST_ONLY, () => {
  let server: RunningTestServer;
  before(async () => {
    // maxRoles counts admin and public: room for two more.
    server = await startServer({ auth: true, maxRoles: 4 });
  });
  after(() => server.stop());

  test('apply stops at the refused step, reports each step and prints the rollback plan; exit 1', async () => {
    const file = fileAt('three.json', {
      ...FILE,
      roles: [{ name: 'r1' }, { name: 'r2' }, { name: 'r3' }],
      privilegeGroups: [],
      grants: [{ role: 'r1', privilege: 'Query', dbName: 'default', collectionName: '*' }],
      userRoles: [],
    });
    const run = await runCliInProcess(
      ['apply', '--yes', '--uri', `http://${server.address}`, '--user', 'root', '--file', file],
      {
        MILVUS_PASSWORD: ROOT_PASSWORD,
      },
    );
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^ok {6}1\/4 \+ create role r1\nok {6}2\/4 \+ create role r2\nFAILED {2}3\/4 \+ create role r3: .+\nskipped 4\/4 \+ grant Query on all collections in default to role r1\nStopped at step 3 of 4: 2 applied, 2 not applied\.\nRollback plan \(undoes the 2 applied steps, last first\):\n {2}- drop role r2\n {2}- drop role r1\n/m,
    );
    assert.match(run.stderr, /Apply stopped at step 3 of 4/);
  });
});

describe('milvus-rbac over TLS', NEWEST_ONLY, () => {
  let certs: TestCerts;
  before(() => {
    certs = makeCerts();
  });
  after(() => certs.remove());

  test('one-way TLS: --ca-file works; without it the certificate is explained', async () => {
    const server = await startServer({
      auth: true,
      tls: { mode: 1, certPath: certs.serverCert, keyPath: certs.serverKey },
    });
    try {
      const uri = `https://${server.address}`;
      const env = { MILVUS_PASSWORD: ROOT_PASSWORD };
      const ok = await runCli(['export', '--uri', uri, '--user', 'root', '--ca-file', certs.ca], env);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).source.address, uri);
      // An IP address in an https URI: Node's DEP0123 warning (grpc-js sends the IP as the TLS server name) is not shown.
      assert.match(uri, /^https:\/\/127\.0\.0\.1:/);
      assert.equal(ok.stderr, '');
      const other = await runCli(['export', '--uri', uri, '--user', 'root', '--ca-file', certs.otherCa], env);
      assert.equal(other.code, 1);
      assert.match(
        other.stderr,
        /The TLS handshake with Milvus at 127\.0\.0\.1:\d+ failed .*pass the CA that issued it as --ca-file\./,
      );
      assertOurSentenceOnly(other.stderr);
      const plain = await runCli(
        ['export', '--uri', `http://${server.address}`, '--user', 'root', '--timeout-ms', '3000'],
        env,
      );
      assert.equal(plain.code, 1);
    } finally {
      await server.stop();
    }
  });

  test('mutual TLS: --cert-file and --key-file work; without them the remedy names them', async () => {
    const server = await startServer({
      auth: true,
      tls: { mode: 2, certPath: certs.serverCert, keyPath: certs.serverKey, caPath: certs.ca },
    });
    try {
      const base = ['export', '--uri', `https://${server.address}`, '--user', 'root', '--ca-file', certs.ca];
      const env = { MILVUS_PASSWORD: ROOT_PASSWORD };
      const ok = await runCli([...base, '--cert-file', certs.clientCert, '--key-file', certs.clientKey], env);
      assert.equal(ok.code, 0, ok.stderr);
      const without = await runCli(base, env);
      assert.equal(without.code, 1);
      assert.match(
        without.stderr,
        /pass --cert-file and --key-file\.|Check --ca-file, --cert-file, --key-file and --server-name\./,
      );
      const half = await runCli([...base, '--cert-file', certs.clientCert], env);
      assert.equal(half.code, 1);
      assert.match(half.stderr, /Mutual TLS needs both --cert-file and --key-file/);
    } finally {
      await server.stop();
    }
  });
});

describe('milvus-rbac --flavor (Zilliz Cloud)', NEWEST_ONLY, () => {
  const ZILLIZ_PASSWORD = 'Zilliz-Cl0ud';
  const dbAdmin = { MILVUS_PASSWORD: ZILLIZ_PASSWORD };
  const login = (server: RunningTestServer): string[] => ['--uri', `http://${server.address}`, '--user', 'db_admin'];

  test('Dedicated: the plan refuses a single privilege up front; a local URI alone is taken for Milvus', async () => {
    const server = await startServer({ auth: true, flavor: 'zilliz-dedicated', rootPassword: ZILLIZ_PASSWORD });
    try {
      const file = fileAt('zilliz.json', {
        ...FILE,
        privilegeGroups: [],
        grants: [{ role: 'reader', privilege: 'Search', dbName: 'default', collectionName: '*' }],
        userRoles: [],
      });
      server.resetRpcCounts();
      const refused = await runCliInProcess(
        ['plan', ...login(server), '--file', file, '--flavor', 'zilliz-dedicated'],
        dbAdmin,
      );
      assert.equal(refused.code, 1, refused.stdout);
      assert.match(refused.stderr, /Zilliz Cloud Dedicated cluster cannot take 1 of the file's entries/);
      assert.match(refused.stderr, /"Search" is not one \(role reader\)/);
      assert.deepEqual(writes(server), []);
      const detected = await runCliInProcess(['plan', ...login(server), '--file', file], dbAdmin);
      assert.equal(detected.code, 2, `no --flavor on 127.0.0.1 is Milvus: ${detected.stderr}`);
      assert.match(detected.stdout, /grant Search/);
    } finally {
      await server.stop();
    }
  });

  test('Serverless: export and lint stop before any access-control request; an unknown flavour is a usage error', async () => {
    const server = await startServer({ auth: true, flavor: 'zilliz-serverless', rootPassword: ZILLIZ_PASSWORD });
    try {
      server.resetRpcCounts();
      for (const command of ['export', 'lint']) {
        const run = await runCliInProcess([command, ...login(server), '--flavor', 'zilliz-serverless'], dbAdmin);
        assert.equal(run.code, 1, `${command}: ${run.stdout}`);
        assert.match(run.stderr, /managed in the Zilliz Cloud console/, command);
      }
      const counts = server.rpcCounts();
      assert.deepEqual(
        ['BackupRBAC', 'SelectUser', 'SelectRole', 'SelectGrant', 'ListPrivilegeGroups'].filter((m) => counts[m]),
        [],
      );
      const bad = await runCliInProcess(['export', ...login(server), '--flavor', 'zilliz'], dbAdmin);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /--flavor zilliz is not known: use milvus, zilliz-dedicated, zilliz-serverless\./);
    } finally {
      await server.stop();
    }
  });
});
