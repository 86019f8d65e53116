// milvus-rbac lint and upgrade-impact against the test server, run from the built bundle: the findings the server's
// state should give (a grant on a collection that does not exist, a role without members, a user without roles), the
// file's policy applied to the server, the exit codes; and the 2.6 → 3.0 impact on a role granted ClusterAdmin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningTestServer } from '../milvus-server';
import { checkRbacHealth } from '../../src/core/access/health';
import { readHealthInput } from '../../src/core/access/healthRead';
import { upgradeImpact } from '../../src/core/access/upgrade';
import { MilvusError } from '../../src/core/errors/milvusError';
import { ERA, MATRIX_VERSION, NEWEST_ONLY, ROOT_PASSWORD, connectRoot, startServer } from './helpers';
import { ensureCliBundle, runCli, runCliInProcess } from './cliRunner';

describe(`lint and upgrade-impact (${MATRIX_VERSION})`, () => {
  let server: RunningTestServer;
  let uri: string;
  let dir: string;
  const env = { MILVUS_PASSWORD: ROOT_PASSWORD };

  before(async () => {
    ensureCliBundle();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-lint-'));
    server = await startServer({
      auth: true,
      seed: {
        users: [
          { name: 'alice', password: 'Alice-pass-1', roles: ['reader', 'ops'] },
          { name: 'bob', password: 'Bob-pass-1' },
        ],
        roles: ['reader', 'ops', 'lonely'],
        grants: [
          { role: 'reader', privilege: 'Search', objectType: 'Collection', objectName: 'gone', dbName: 'default' },
          { role: 'reader', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
          {
            role: 'ops',
            privilege: ERA.grantV2 ? 'ClusterAdmin' : 'CreateOwnership',
            objectType: 'Global',
            objectName: '*',
            dbName: '*',
          },
          { role: 'lonely', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
          // Made before `shelf` became an alias of books (or on a release that stored it under the alias, §3.3 G15).
          { role: 'reader', privilege: 'Load', objectType: 'Collection', objectName: 'shelf', dbName: 'default' },
        ],
        collections: [
          { name: 'books', db: 'default' },
          { name: 'maps', db: 'atlas' },
        ],
        aliases: [
          { alias: 'shelf', collection: 'books' },
          { alias: 'world', collection: 'maps', db: 'atlas' },
        ],
      },
    });
    uri = `http://${server.address}`;
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the health check reads the model plus one listing per database', async () => {
    const api = await connectRoot(server);
    try {
      server.resetRpcCounts();
      const findings = checkRbacHealth(await readHealthInput(api, {}));
      const counts = server.rpcCounts();
      // Per database one ShowCollections and one ListAliases; DescribeAlias only for the alias a grant names.
      assert.equal(counts.ShowCollections, 2, JSON.stringify(counts));
      assert.equal(counts.ListAliases, 2, JSON.stringify(counts));
      assert.equal(counts.DescribeAlias, 1, JSON.stringify(counts));
      assert.equal(counts.ListDatabases, 1, JSON.stringify(counts));
      assert.deepEqual(
        findings.map((f) => `${f.code} ${f.subject}`).filter((s) => !s.startsWith('adminGrant')),
        [
          'missingCollection Search on collection default.gone (role reader)',
          'aliasGrant Load on collection default.shelf (role reader)',
          'roleWithoutMembers role lonely',
          'userWithoutRoles user bob',
        ],
      );
      const alias = findings.find((f) => f.code === 'aliasGrant');
      assert.deepEqual(alias?.fix, [
        { kind: 'grant', grant: { role: 'reader', privilege: 'Load', dbName: 'default', collectionName: 'books' } },
      ]);
      // The release decides what the grant still does (G15: requests are checked against the collection from 2.6.12).
      assert.match(
        alias?.message ?? '',
        ERA.aliasesResolved ? /allows nothing/ : /only to requests that name the alias/,
      );
    } finally {
      await api.close();
    }
  });

  test('listAliases and describeAlias: one RPC each, names only, then the collection', async () => {
    const api = await connectRoot(server);
    try {
      server.resetRpcCounts();
      assert.deepEqual(await api.listAliases('atlas'), ['world']);
      assert.equal(await api.describeAlias('atlas', 'world'), 'maps');
      const counts = server.rpcCounts();
      assert.deepEqual([counts.ListAliases, counts.DescribeAlias], [1, 1], JSON.stringify(counts));
      await assert.rejects(api.listAliases('nowhere'), (e: unknown) => e instanceof MilvusError);
    } finally {
      await api.close();
    }
  });

  // The command line's wiring and exit codes do not depend on the release (the health check is read above, on every
  // release), so this runs where the suites about 2.6.19+ behaviour run: the first command in a process of its own (the
  // exit code the process sets), the others through the bundle's main() here.
  test(
    'milvus-rbac lint: 2 with findings (json), the file policy admits ops; 0 on a clean file',
    NEWEST_ONLY,
    async () => {
      const run = await runCli(['lint', '--uri', uri, '--user', 'root', '--format', 'json'], env);
      assert.equal(run.code, 2, run.stderr);
      const [server1] = JSON.parse(run.stdout) as { findings: { code: string }[] }[];
      assert.ok(server1?.findings.some((f) => f.code === 'missingCollection'));
      const file = path.join(dir, 'rbac.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          format: 'milvus-access-manager/rbac',
          version: 1,
          exportedAt: '2026-01-02T03:04:05.000Z',
          source: { address: 'http://x:19530', serverVersion: 'v2.6.19' },
          roles: [{ name: 'reader' }],
          privilegeGroups: [],
          grants: [{ role: 'reader', privilege: 'Query', dbName: 'default', collectionName: 'books' }],
          userRoles: [{ user: 'alice', roles: ['reader'] }],
          policy: { adminRoles: ['ops'] },
        }),
      );
      const clean = await runCliInProcess(['lint', '--file', file], {});
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
      const both = await runCliInProcess(
        ['lint', '--uri', uri, '--user', 'root', '--file', file, '--format', 'markdown'],
        env,
      );
      assert.equal(both.code, 2, both.stderr);
      assert.doesNotMatch(both.stdout, /Admin-level grant outside the policy/);
      assert.match(both.stdout, /Grant on a missing collection/);
      const bad = await runCliInProcess(['lint', '--format', 'yaml', '--file', file], {});
      assert.equal(bad.code, 1);
    },
  );

  test('upgrade-impact to 3.0.0: ClusterAdmin loses RenameCollection for ops and its user alice', async () => {
    const run = await runCliInProcess(
      ['upgrade-impact', '--uri', uri, '--user', 'root', '--to', '3.0.0', '--json'],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    const impact = JSON.parse(run.stdout) as ReturnType<typeof upgradeImpact>;
    if (MATRIX_VERSION.startsWith('v3.')) {
      // Already on 3.0: the same release changes nothing for any group, request or role.
      assert.deepEqual([impact.groups, impact.requests, impact.roles], [[], [], []]);
      return;
    }
    assert.ok(impact.groups.some((g) => g.group === 'DatabaseAdmin' && g.gained.includes('RenameCollection')));
    assert.ok(impact.requests.some((r) => r.rpc === 'CreateSnapshot' && r.added));
    if (ERA.grantV2) {
      const ops = impact.roles.find((r) => r.role === 'ops');
      assert.deepEqual(ops?.users, ['alice']);
      assert.ok(ops?.through[0]?.lost.includes('RenameCollection'));
    }
    const bad = await runCliInProcess(['upgrade-impact', '--uri', uri, '--user', 'root', '--to', '9.9.9'], env);
    assert.equal(bad.code, 1);
  });
});
