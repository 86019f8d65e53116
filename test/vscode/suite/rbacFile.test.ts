// RBAC as a file in a real VS Code: Export RBAC to File… from a staging server, Apply RBAC from File… to a production
// server (the argument form skips the dialogs), the confirmation, the tree refresh, and a server refusal part-way.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, label, newSecret, rootProfile, startServer } from './extensionHelpers';
import { answer, COMMANDS, countCalls, fails, ok, run, server, rbacSuite } from './rbacHelpers';

interface ExportResult {
  file: string;
  roles: number;
  privilegeGroups: number;
  grants: number;
  userRoles: number;
}

interface ApplyResult {
  file: string;
  applied: string[];
  skippedUsers: string[];
}

interface MenuItem {
  command: string;
  when: string;
}

const WRITE_RPCS = [
  'CreateRole',
  'CreatePrivilegeGroup',
  'OperatePrivilegeGroup',
  'OperatePrivilege',
  'OperatePrivilegeV2',
  'OperateUserRole',
  'DropRole',
  'DropPrivilegeGroup',
  'CreateCredential',
  'RestoreRBAC',
];

function writes(milvus: RunningTestServer): number {
  const counts = milvus.rpcCounts();
  return WRITE_RPCS.reduce((sum, rpc) => sum + (counts[rpc] ?? 0), 0);
}

suite('rbac file: export and apply', () => {
  let api: MilvusAccessManagerApi;
  let staging: RunningTestServer;
  let root: ConnectionProfile;
  let rootPassword: string;
  let production: RunningTestServer;
  let productionRoot: ConnectionProfile;
  let readProduction: ReturnType<typeof server>;
  let small: RunningTestServer | undefined;
  let dir: string;
  let exported: string;
  const userPasswords = [newSecret('AnnFile'), newSecret('BobFile')];

  const fixture = rbacSuite('RBAC file staging', {
    seed: {
      databases: ['db1'],
      roles: [{ name: 'reader', description: 'Reads the catalogue' }, 'writer'],
      users: [
        { name: 'ann', password: userPasswords[0], roles: ['reader', 'writer'] },
        { name: 'bob', password: userPasswords[1], roles: ['writer'] },
      ],
      privilegeGroups: [{ name: 'readers', privileges: ['Query', 'Search'] }],
      grants: [
        { role: 'reader', privilege: 'readers', objectType: 'Global', dbName: '*' },
        { role: 'writer', privilege: 'Insert', objectName: 'books', dbName: 'db1' },
        { role: 'writer', privilege: 'DatabaseReadOnly', objectType: 'Global', dbName: 'db1' },
      ],
    },
  });
  const { created } = fixture;

  suiteSetup(async () => {
    ({ api, milvus: staging, rootPassword, root } = fixture);
    const started = await startServer({ seed: { users: [{ name: 'ann', password: newSecret('AnnProd') }] } });
    production = started.server;
    productionRoot = await addConnection(rootProfile(production, 'RBAC file production'), {
      password: started.rootPassword,
    });
    created.push(productionRoot.id);
    readProduction = server(api, productionRoot.id);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-rbac-file-'));
    exported = path.join(dir, 'staging-rbac.json');
  });

  suiteTeardown(async () => {
    await production?.stop();
    await small?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function menuFor(contextValue: string): string[] {
    const ext = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'milvus-access-manager.milvus-access-manager');
    assert.ok(ext);
    const items = (ext.packageJSON as { contributes: { menus: Record<string, MenuItem[]> } }).contributes.menus[
      'view/item/context'
    ];
    return items
      .filter(
        (i) =>
          /viewItem == (\w+)/.exec(i.when)?.[1] === contextValue ||
          new RegExp(/viewItem =~ \/(.+)\/$/.exec(i.when)?.[1] ?? '^$').test(contextValue),
      )
      .map((i) => i.command);
  }

  test('the connection menu offers both commands once connected', () => {
    for (const id of [COMMANDS.exportRbac, COMMANDS.applyRbac]) {
      assert.ok(menuFor('connectedConnection').includes(id), `${id} missing on a connected connection`);
      assert.ok(!menuFor('disconnectedConnection').includes(id), `${id} shown on a disconnected connection`);
    }
  });

  test('export writes the roles, groups, grants and bindings, and no secret', async () => {
    const result = await ok<ExportResult>(api, COMMANDS.exportRbac, { id: root.id, file: exported });
    assert.deepEqual(result, { file: exported, roles: 2, privilegeGroups: 1, grants: 3, userRoles: 2 });
    const text = fs.readFileSync(exported, 'utf8');
    for (const secret of [rootPassword, ...userPasswords])
      assert.ok(!text.includes(secret), 'a password is in the file');
    assert.ok(!/\$2[aby]\$/.test(text), 'a bcrypt hash is in the file');
    const doc = JSON.parse(text) as {
      format: string;
      roles: unknown[];
      grants: unknown[];
      userRoles: unknown[];
      source: { address: string };
    };
    assert.equal(doc.format, 'milvus-access-manager/rbac');
    assert.equal(doc.source.address, `http://${staging.address}`);
    assert.deepEqual(doc.roles, [{ name: 'reader', description: 'Reads the catalogue' }, { name: 'writer' }]);
    assert.deepEqual(doc.userRoles, [
      { user: 'ann', roles: ['reader', 'writer'] },
      { user: 'bob', roles: ['writer'] },
    ]);
    assert.ok(
      api.log
        .recent()
        .some((line) => /Exported the RBAC \(2 roles, 1 privilege group, 3 grants, 2 user bindings\)/.test(line)),
    );
  });

  test('apply asks first; dismissed, nothing is applied', async () => {
    const asked = answer(api, undefined);
    // The plan's model read asks the feature probe (cached per connection), which sends its own OperatePrivilegeV2.
    await readProduction((a) => a.features());
    production.resetRpcCounts();
    const result = await run(api, COMMANDS.applyRbac, { id: productionRoot.id, file: exported });
    assert.equal(result, undefined);
    assert.equal(api.commandErrors.last, undefined);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /Apply 9 changes from "staging-rbac\.json" to "RBAC file production"\?/);
    assert.match(
      asked[0],
      /create 1 privilege group, create 2 roles, add privileges to 1 group, add 3 grants, add 2 role bindings/,
    );
    assert.match(asked[0], /Skipped 1 user missing on this server .*: bob\./);
    assert.match(asked[0], /Nothing is revoked or dropped\. \[Apply\]$/);
    assert.equal(writes(production), 0);
    assert.deepEqual((await readProduction((a) => a.listRolesWithUsers())).map((r) => r.name).sort(), [
      'admin',
      'public',
    ]);
  });

  test("apply confirmed: production gets the roles, group, grants and ann's bindings; the Roles folder is refreshed", async () => {
    const connection = api.tree.connectionNode(productionRoot.id);
    assert.ok(connection);
    const folder = (await api.tree.getChildren(connection)).find((n) => label(api, n) === 'Roles');
    assert.ok(folder);
    await api.tree.getChildren(folder);
    answer(api, 'Apply');
    const result = await ok<ApplyResult>(api, COMMANDS.applyRbac, { id: productionRoot.id, file: exported });
    assert.equal(result.applied.length, 9);
    assert.deepEqual(result.skippedUsers, ['bob']);
    const roles = await readProduction((a) => a.listRolesWithUsers());
    assert.equal(roles.find((r) => r.name === 'reader')?.description, 'Reads the catalogue');
    assert.deepEqual(roles.find((r) => r.name === 'writer')?.users, ['ann']);
    assert.deepEqual(
      (await readProduction((a) => a.listPrivilegeGroups())).find((g) => g.name === 'readers')?.privileges.sort(),
      ['Query', 'Search'],
    );
    const grants = await readProduction(async (a) => [
      ...(await a.listGrants('reader')),
      ...(await a.listGrants('writer')),
    ]);
    assert.deepEqual(grants.map((g) => `${g.role} ${g.privilege} ${g.dbName}/${g.objectName}`).sort(), [
      'reader readers */*',
      'writer DatabaseReadOnly db1/*',
      'writer Insert db1/books',
    ]);
    assert.ok(
      !(await readProduction((a) => a.listUsersWithRoles())).some((u) => u.name === 'bob'),
      'users are never created',
    );
    const shown = (await api.tree.getChildren(folder)).map((n) => label(api, n));
    assert.ok(shown.includes('reader') && shown.includes('writer'), `the Roles folder shows ${shown.join(', ')}`);
    assert.ok(
      api.log.recent().some((line) => /RBAC file staging-rbac\.json: bind user ann to role writer\./.test(line)),
    );
  });

  test('applying the same file again: nothing to do, no question, only reads', async () => {
    const asked = answer(api, 'Apply');
    production.resetRpcCounts();
    const result = await ok<ApplyResult>(api, COMMANDS.applyRbac, { id: productionRoot.id, file: exported });
    assert.deepEqual(result.applied, []);
    assert.equal(asked.length, 0);
    assert.equal(writes(production), 0);
  });

  test('a file with a password field is refused, naming it; nothing is sent', async () => {
    const doc = JSON.parse(fs.readFileSync(exported, 'utf8')) as { userRoles: Record<string, unknown>[] };
    doc.userRoles[0].password = 'not-sent';
    const bad = path.join(dir, 'with-password.json');
    fs.writeFileSync(bad, JSON.stringify(doc));
    const calls = await countCalls(production, 'SelectUser', () =>
      fails(
        api,
        COMMANDS.applyRbac,
        { id: productionRoot.id, file: bad, confirm: true },
        /not valid at userRoles\[0\]\.password: RBAC files never carry passwords/,
      ),
    );
    assert.equal(calls, 0);
    assert.deepEqual(production.rpcCounts(), {});
  });

  test('an invalid name for the target is refused before anything is sent', async () => {
    const doc = JSON.parse(fs.readFileSync(exported, 'utf8')) as { roles: { name: string }[] };
    doc.roles.push({ name: 'bad-role' });
    const bad = path.join(dir, 'bad-role.json');
    fs.writeFileSync(bad, JSON.stringify(doc));
    production.resetRpcCounts();
    await fails(
      api,
      COMMANDS.applyRbac,
      { id: productionRoot.id, file: bad, confirm: true },
      /roles\[2\]\.name: "bad-role"/,
    );
    assert.deepEqual(production.rpcCounts(), {});
  });

  test('a server refusal stops the run and says what was applied and what was not', async () => {
    const started = await startServer({ maxRoles: 3 });
    small = started.server;
    const connection = await addConnection(rootProfile(small, 'RBAC file small'), { password: started.rootPassword });
    created.push(connection.id);
    const message = await fails(
      api,
      COMMANDS.applyRbac,
      { id: connection.id, file: exported, confirm: true },
      /stopped at step 3 of 7 \(create role writer\)/,
    );
    assert.match(message, /Applied 2: create privilege group readers; create role reader\./);
    assert.match(message, /Not applied: 5 \(create role writer; add Query, Search to privilege group readers; grant /);
    const roles = (await server(api, connection.id)((a) => a.listRolesWithUsers())).map((r) => r.name).sort();
    assert.deepEqual(roles, ['admin', 'public', 'reader']);
    assert.ok(
      api.log
        .recent()
        .some((line) => /applyRbac: Applying "staging-rbac\.json" to "RBAC file small" stopped/.test(line)),
    );
  });
});
