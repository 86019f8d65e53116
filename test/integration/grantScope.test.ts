// Every grant shape Milvus lists, granted through the real SDK (V1 OperatePrivilege) or the facade (V2), read back with
// the listing, and named with one scope everywhere: src/core/access/grantScope.ts (which the tree's grant nodes show), the
// effective-privileges report, the can/who answers, and the RBAC file (exported, and applied to a second server).
// Shapes: docs/milvus-behaviour.md §4.3 (V2 stores groups and `*` as Global, keeping the collection name), §3.3 G13 and
// §3.3 G13 (a V1 Global grant's object name becomes `*`, unless the privilege is a group: the legacy Admin keeps it),
// §4.4 (legacy groups; Admin reaches its whole database), §3.5 (public's grants).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { RunningTestServer } from '../milvus-server';
import { connectClient, newClient, rawCall } from '../server/helpers';
import type { AdminApi } from '../../src/core/adminApi';
import { canDo, whoCan } from '../../src/core/access/query';
import { effectiveAccess } from '../../src/core/access/effectivePrivileges';
import { grantScope, grantSpecScope, type ScopeLevel } from '../../src/core/access/grantScope';
import { readRbacModel } from '../../src/core/rbac/model';
import { planRbac } from '../../src/core/rbac/planner';
import { applyRbacPlan, exportRbac } from '../../src/core/rbac/sync';
import type { Grant, ObjectType, PrivilegeGroup } from '../../src/core/types';
import { connectRoot, ROOT_PASSWORD, startServer, NEWEST_ONLY } from './helpers';

interface V1 {
  api: 'V1';
  objectType: ObjectType;
  objectName: string;
  dbName: string;
}
interface V2 {
  api: 'V2';
  dbName: string;
  collectionName: string;
}

interface Shape {
  role: string;
  privilege: string;
  how: V1 | V2;
  /** What SelectGrant lists: object type / object name / db. */
  listed: string;
  level: ScopeLevel;
  label: string;
  /** A privilege the grant allows (itself, or a member of the group) and where: [privilege, db, collection]. */
  allows: [string, string, string];
  /** Somewhere it does not reach. */
  not?: [string, string, string];
}

const v1 = (objectType: ObjectType, objectName: string, dbName: string): V1 => ({
  api: 'V1',
  objectType,
  objectName,
  dbName,
});
const v2 = (dbName: string, collectionName: string): V2 => ({ api: 'V2', dbName, collectionName });

const SHAPES: Shape[] = [
  // V1 (OperatePrivilege): object types Global, Collection, User.
  {
    role: 'v1_global',
    privilege: 'CreateOwnership',
    how: v1('Global', 'articles', 'default'),
    listed: 'Global/*/default',
    level: 'database',
    label: 'database default',
    allows: ['CreateOwnership', 'default', '*'],
    not: ['CreateOwnership', 'db1', '*'],
  },
  {
    role: 'v1_admin',
    privilege: 'Admin',
    how: v1('Global', 'articles', 'default'),
    listed: 'Global/articles/default',
    level: 'database',
    label: 'database default',
    allows: ['Insert', 'default', 'films'],
    not: ['Insert', 'db1', 'films'],
  },
  {
    role: 'v1_coll',
    privilege: 'Search',
    how: v1('Collection', 'articles', 'default'),
    listed: 'Collection/articles/default',
    level: 'collection',
    label: 'collection default.articles',
    allows: ['Search', 'default', 'articles'],
    not: ['Search', 'default', 'films'],
  },
  {
    role: 'v1_readonly',
    privilege: 'ReadOnly',
    how: v1('Collection', '*', 'db1'),
    listed: 'Collection/*/db1',
    level: 'collection',
    label: 'all collections in db1',
    allows: ['Query', 'db1', 'films'],
    not: ['Query', 'default', 'films'],
  },
  {
    role: 'v1_user',
    privilege: 'UpdateUser',
    how: v1('User', 'alice', 'default'),
    listed: 'User/alice/default',
    level: 'user',
    label: 'user alice (database default)',
    allows: ['UpdateUser', 'default', 'alice'],
    not: ['UpdateUser', 'default', 'bob'],
  },
  {
    role: 'v1_users',
    privilege: 'SelectUser',
    how: v1('User', '*', '*'),
    listed: 'User/*/*',
    level: 'user',
    label: 'all users',
    allows: ['SelectUser', 'db1', 'bob'],
  },
  // V2 (OperatePrivilegeV2): the object type comes from the privilege (§4.3).
  {
    role: 'v2_cluster',
    privilege: 'ClusterReadOnly',
    how: v2('*', '*'),
    listed: 'Global/*/*',
    level: 'cluster',
    label: 'cluster',
    allows: ['ListDatabases', 'db1', '*'],
  },
  {
    role: 'v2_database',
    privilege: 'DatabaseReadWrite',
    how: v2('db1', '*'),
    listed: 'Global/*/db1',
    level: 'database',
    label: 'database db1',
    allows: ['AlterDatabase', 'db1', '*'],
    not: ['AlterDatabase', 'default', '*'],
  },
  {
    role: 'v2_group_coll',
    privilege: 'CollectionReadWrite',
    how: v2('default', 'articles'),
    listed: 'Global/articles/default',
    level: 'collection',
    label: 'collection default.articles',
    allows: ['Insert', 'default', 'articles'],
    not: ['Insert', 'default', 'films'],
  },
  {
    role: 'v2_group_all',
    privilege: 'CollectionReadOnly',
    how: v2('db1', '*'),
    listed: 'Global/*/db1',
    level: 'collection',
    label: 'all collections in db1',
    allows: ['Search', 'db1', 'films'],
    not: ['Search', 'default', 'articles'],
  },
  {
    role: 'v2_single',
    privilege: 'Query',
    how: v2('db1', 'films'),
    listed: 'Collection/films/db1',
    level: 'collection',
    label: 'collection db1.films',
    allows: ['Query', 'db1', 'films'],
    not: ['Query', 'db1', 'other'],
  },
  {
    role: 'v2_custom_coll',
    privilege: 'editors',
    how: v2('default', 'articles'),
    listed: 'Global/articles/default',
    level: 'collection',
    label: 'collection default.articles',
    allows: ['Upsert', 'default', 'articles'],
    not: ['Upsert', 'default', 'films'],
  },
  {
    role: 'v2_custom_db',
    privilege: 'dbreaders',
    how: v2('db1', '*'),
    listed: 'Global/*/db1',
    level: 'database',
    label: 'database db1',
    allows: ['DescribeDatabase', 'db1', '*'],
  },
  {
    role: 'v2_star',
    privilege: '*',
    how: v2('db1', '*'),
    listed: 'Global/*/db1',
    level: 'database',
    label: 'database db1',
    allows: ['DropCollection', 'db1', 'films'],
    not: ['DropCollection', 'default', 'articles'],
  },
  {
    role: 'v2_user',
    privilege: 'UpdateUser',
    how: v2('*', 'alice'),
    listed: 'User/alice/*',
    level: 'user',
    label: 'user alice',
    allows: ['UpdateUser', 'default', 'alice'],
  },
];

const userOf = (role: string): string => `u_${role}`;

describe(
  'grant scope: every grant shape, as the test server lists it (docs/milvus-behaviour.md §4.3, §4.4, G13)',
  NEWEST_ONLY,
  () => {
    let server: RunningTestServer;
    let other: RunningTestServer;
    let root: AdminApi;
    let sdk: MilvusClient;
    let groups: PrivilegeGroup[];
    const listed = new Map<string, Grant[]>();

    before(async () => {
      const seed = {
        databases: ['db1'],
        collections: [{ name: 'articles' }, { name: 'films', db: 'db1' }],
        roles: SHAPES.map((s) => s.role),
        users: [
          ...SHAPES.map((s) => ({ name: userOf(s.role), password: 'Probe-pass-1', roles: [s.role] })),
          { name: 'alice', password: 'Alice-pass-1' },
        ],
        privilegeGroups: [
          { name: 'editors', privileges: ['Query', 'Upsert'] },
          { name: 'dbreaders', privileges: ['ShowCollections', 'DescribeDatabase'] },
        ],
      };
      [server, other] = await Promise.all([
        startServer({ auth: true, maxRoles: 100, seed }),
        startServer({
          auth: true,
          maxRoles: 100,
          seed: {
            databases: seed.databases,
            collections: seed.collections,
            users: [{ name: 'alice', password: 'Alice-pass-1' }],
          },
        }),
      ]);
      root = await connectRoot(server);
      sdk = await connectClient(newClient(server.address, { username: 'root', password: ROOT_PASSWORD }));
      for (const s of SHAPES) {
        if (s.how.api === 'V1') {
          // The SDK's grantPrivilege sends no db_name; the same RPC through the SDK's channel, with one.
          const { objectType, objectName, dbName } = s.how;
          const entity = {
            role: { name: s.role },
            object: { name: objectType },
            object_name: objectName,
            db_name: dbName,
            grantor: { privilege: { name: s.privilege } },
          };
          const status = await rawCall<{ code?: number; reason?: string }>(sdk, 'OperatePrivilege', {
            entity,
            type: 'Grant',
          });
          assert.equal(status.code ?? 0, 0, `${s.role}: ${status.reason ?? ''}`);
        } else {
          await root.grantPrivilege({
            role: s.role,
            privilege: s.privilege,
            dbName: s.how.dbName,
            collectionName: s.how.collectionName,
          });
        }
      }
      for (const role of [...SHAPES.map((s) => s.role), 'public']) listed.set(role, await root.listGrants(role));
      groups = await root.listPrivilegeGroups();
    });
    after(async () => {
      await sdk.closeConnection();
      await root.close();
      await Promise.all([server.stop(), other.stop()]);
    });

    for (const s of SHAPES) {
      const where =
        s.how.api === 'V1'
          ? `V1 ${s.how.objectType} ${s.how.objectName} in ${s.how.dbName}`
          : `V2 db ${s.how.dbName}, collection ${s.how.collectionName}`;
      test(`${s.privilege} granted ${where} → listed ${s.listed} → ${s.label}`, () => {
        const grants = listed.get(s.role) ?? [];
        assert.deepEqual(
          grants.map((g) => `${g.objectType}/${g.objectName}/${g.dbName}`),
          [s.listed],
          'what SelectGrant lists',
        );
        const scope = grantScope(grants[0]);
        assert.equal(scope.level, s.level);
        assert.equal(scope.label, s.label, 'the tree shows this label (GrantNode description)');

        // The effective-privileges report names the same scope for each privilege the grant gives.
        const report = effectiveAccess(userOf(s.role), [s.role], listed, groups);
        const rows = report.privileges.filter((p) => p.via.some((v) => v === s.role || v.startsWith(`${s.role} (`)));
        assert.ok(
          rows.some((p) => p.privilege === s.allows[0] || p.privilege === s.privilege),
          'the report has the privilege',
        );
        assert.deepEqual([...new Set(rows.map((p) => p.scope.label))], [s.label], 'report rows name the same scope');

        // Can / who name it too.
        const [privilege, dbName, collectionName] = s.allows;
        const yes = canDo(userOf(s.role), [s.role], { privilege, dbName, collectionName }, listed, groups);
        assert.equal(yes.allowed, true, `${userOf(s.role)} may ${s.allows.join(' ')}`);
        assert.deepEqual(
          yes.reasons.filter((r) => r.role === s.role).map((r) => r.scope.label),
          [s.label],
        );
        if (s.not) {
          const [p, d, c] = s.not;
          assert.equal(
            canDo(userOf(s.role), [s.role], { privilege: p, dbName: d, collectionName: c }, listed, groups).allowed,
            false,
            `not ${s.not.join(' ')}`,
          );
        }
      });
    }

    test('who can: the users come through the role of each shape, one SelectUser for all of them', async () => {
      server.resetRpcCounts();
      const users = await root.listUsersWithRoles();
      assert.deepEqual(server.rpcCounts(), { SelectUser: 1 });
      const answer = whoCan(
        { privilege: 'Insert', dbName: 'default', collectionName: 'articles' },
        users,
        listed,
        groups,
      );
      assert.deepEqual(
        answer.users.map((u) => u.user).sort(),
        ['root', userOf('v1_admin'), userOf('v2_group_coll')].sort(),
      );
      assert.deepEqual(
        answer.users.find((u) => u.user === userOf('v2_group_coll'))?.reasons.map((r) => r.scope.label),
        ['collection default.articles'],
      );
    });

    test('the RBAC file names the same scope, and applying it to another server lists grants of the same scope', async () => {
      const file = await exportRbac(root, server.address);
      for (const s of SHAPES) {
        const fileGrants = file.grants.filter((g) => g.role === s.role);
        assert.deepEqual(
          fileGrants.map((g) => grantSpecScope(g).label),
          [s.label],
          `file grant of ${s.role}`,
        );
      }
      const target = await connectRoot(other);
      try {
        const plan = planRbac(file, await readRbacModel(target, file), { mode: 'additive' });
        const report = await applyRbacPlan(target, plan);
        assert.equal(report.failed, undefined, report.failed?.error.message);
        for (const s of SHAPES) {
          const labels = (await target.listGrants(s.role)).map((g) => grantScope(g).label);
          assert.deepEqual(labels, [s.label], `${s.role} on the second server`);
        }
      } finally {
        await target.close();
      }
    });
  },
);
