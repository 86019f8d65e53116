// "Why was I denied?" against the test server: the explanation is checked against what the server itself does when
// the user calls (the read paths it enforces: SelectGrant of another role, ListPrivilegeGroups), before and after the
// smallest fix the explanation proposes; and the command line's exit codes. Runs on every release of the matrix.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import { explain, questionFromText } from '../../src/core/access/explain';
import { deniedTextOf, parseDeniedText } from '../../src/core/access/deniedText';
import { readAccessModel } from '../../src/core/access/explainRead';
import { rpcsOfOperation } from '../../src/core/access/requests';
import { readRbacModel } from '../../src/core/rbac/model';
import { MilvusError } from '../../src/core/errors/milvusError';
import type { AdminApi } from '../../src/core/adminApi';
import { ERA, MATRIX_VERSION, NEWEST_ONLY, ROOT_PASSWORD, connectAs, connectRoot, startServer } from './helpers';
import { ensureCliBundle, runCli, runCliInProcess } from './cliRunner';

const ALICE_PASSWORD = 'Alice-pass-1';

/** The refusal the server gives, as a MilvusError's server text. */
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (e) {
    assert.ok(e instanceof MilvusError, String(e));
    assert.equal(e.kind, 'permission', e.message);
    return deniedTextOf(e);
  }
  assert.fail('the server allowed it');
}

describe(`explain against the test server (${MATRIX_VERSION})`, () => {
  let server: RunningTestServer;
  let root: AdminApi;
  let alice: AdminApi;

  before(async () => {
    ensureCliBundle();
    server = await startServer({
      auth: true,
      seed: {
        databases: ['db1'],
        users: [{ name: 'alice', password: ALICE_PASSWORD, roles: ['reader'] }],
        roles: ['reader', 'ops'],
        grants: [
          // SelectOwnership in db1 only: alice, connected to default, is still refused.
          { role: 'reader', privilege: 'SelectOwnership', objectType: 'Global', objectName: '*', dbName: 'db1' },
        ],
        collections: [{ name: 'books', db: 'default' }],
      },
    });
    root = await connectRoot(server);
    alice = await connectAs(server, 'alice', ALICE_PASSWORD);
  });
  after(async () => {
    await alice?.close();
    await root?.close();
    await server?.stop();
  });

  test('an explanation costs at most 2 RPCs after the model is read', async () => {
    server.resetRpcCounts();
    await readRbacModel(root);
    const model = Object.values(server.rpcCounts()).reduce((a, b) => a + b, 0);
    server.resetRpcCounts();
    await readAccessModel(root);
    const all = Object.values(server.rpcCounts()).reduce((a, b) => a + b, 0);
    assert.ok(all - model <= 2, JSON.stringify(server.rpcCounts()));
  });

  test('the refusal text alice meets is explained, the fix is the one that works, and the server agrees', async () => {
    const text = await refusal(alice.listGrants('ops'));
    const denied = parseDeniedText(text);
    assert.equal(denied.kind, 'permissionDeny', text);
    assert.equal(denied.privilege, 'SelectOwnership');
    const question = questionFromText(denied, {}, MATRIX_VERSION, 'root');
    assert.ok(question);
    assert.equal(question.user, 'alice');
    const before = explain(question, await readAccessModel(root), denied);
    assert.equal(before.allowed, false);
    const step = before.steps[0];
    assert.deepEqual(
      step?.elsewhere.map((r) => [r.role, r.grant.dbName]),
      [['reader', 'db1']],
    );
    assert.deepEqual(step?.fix, { role: 'reader', privilege: 'SelectOwnership', dbName: '*', collectionName: '*' });
    assert.ok(before.notes.some((n) => n.kind === 'databaseNamedIsNotTheScope'));

    await root.grantPrivilege(step.fix);
    try {
      const afterFix = explain(question, await readAccessModel(root), denied);
      assert.equal(afterFix.allowed, true);
      assert.deepEqual(
        afterFix.steps[0]?.answer?.reasons.map((r) => r.role),
        ['reader'],
      );
      await alice.listGrants('ops'); // the server agrees
    } finally {
      await root.revokePrivilege(step.fix);
    }
  });

  test('listPrivilegeGroups: refused without the privilege, or missing on a release without groups', async () => {
    const model = await readAccessModel(root);
    const e = explain(
      {
        user: 'alice',
        operation: 'listPrivilegeGroups',
        rpcs: rpcsOfOperation('listPrivilegeGroups') ?? [],
        dbName: 'default',
      },
      model,
    );
    if (!ERA.privilegeGroups) {
      assert.equal(e.steps[0]?.verdict, 'missing');
      return;
    }
    assert.equal(e.steps[0]?.verdict, 'denied');
    assert.equal(e.steps[0]?.release.need?.privilege, 'ListPrivilegeGroups');
    await refusal(alice.listPrivilegeGroups());
  });

  test('a user reading its own roles needs nothing; root is unrestricted', async () => {
    const model = await readAccessModel(root);
    const own = explain(
      { user: 'alice', operation: 'describeUser', rpcs: ['SelectUser'], dbName: 'default', targetUser: 'alice' },
      model,
    );
    assert.equal(own.steps[0]?.verdict, 'self');
    assert.ok(await alice.describeUser('alice'));
    const rootAnswer = explain({ user: 'root', operation: 'dropRole', rpcs: ['DropRole'], dbName: 'default' }, model);
    assert.equal(rootAnswer.allowed, true);
  });

  // The command line's wiring and exit codes do not depend on the release (the explanation itself is checked above, on
  // every release), so this runs where the suites about 2.6.19+ behaviour run: the first command in a process of its
  // own (the exit code the process sets), the others through the bundle's main() here.
  test('milvus-rbac explain: 3 denied, 0 allowed, 1 error; --json', NEWEST_ONLY, async () => {
    const uri = `http://${server.address}`;
    const env = { MILVUS_PASSWORD: ROOT_PASSWORD };
    const denied = await runCli(
      ['explain', '--uri', uri, '--user', 'root', '--for', 'alice', '--op', 'listGrants', '--role', 'ops'],
      env,
    );
    assert.equal(denied.code, 3, denied.stderr);
    assert.match(denied.stdout, /alice may not do listGrants/);
    assert.match(denied.stdout, /SelectOwnership/);
    const own = await runCliInProcess(
      ['explain', '--uri', uri, '--user', 'root', '--for', 'alice', '--op', 'listGrants', '--role', 'reader', '--json'],
      env,
    );
    assert.equal(own.code, 0, own.stderr);
    const json = JSON.parse(own.stdout) as { allowed: boolean; steps: { verdict: string }[] };
    assert.equal(json.allowed, true);
    assert.equal(json.steps[0]?.verdict, 'self');
    const fromText = await runCliInProcess(
      [
        'explain',
        '--uri',
        uri,
        '--user',
        'root',
        '--error',
        'PrivilegeSelectOwnership: permission deny to alice in the `default` database',
      ],
      env,
    );
    assert.equal(fromText.code, 3, fromText.stderr);
    assert.match(fromText.stdout, /cluster-level privilege/);
    const bad = await runCliInProcess(['explain', '--uri', uri, '--user', 'root', '--op', 'nonsense'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Unknown operation "nonsense"/);
    const nobody = await runCliInProcess(
      ['explain', '--uri', uri, '--user', 'root', '--for', 'zed', '--op', 'search'],
      env,
    );
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /no user "zed"/);
  });
});
