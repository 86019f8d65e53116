// The extension's privilege catalogue (src/core/access/privileges.ts) against the test server's, which is read from
// Milvus's source at each release (test/milvus-server/catalogue): a wrong entry on either side fails here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BUILT_IN_GROUPS,
  LEGACY_GROUPS,
  PRIVILEGES,
  PRIVILEGES_3_0,
  V1_OBJECT_PRIVILEGES,
  isDefinedPrivilegeName,
  milvusPrivilegeLevel,
  privilegesForLevel,
} from '../../src/core/access/privileges';
import { catalogueFor } from '../milvus-server/catalogue';

const sorted = (xs: readonly string[]): string[] => [...new Set(xs)].sort();
const v26 = catalogueFor('v2.6.19');
const v30 = catalogueFor('v3.0.0');
const new30 = Object.keys(PRIVILEGES_3_0);

describe('the client catalogue agrees with Milvus 2.6.19 (pkg/util/constant.go at 159a1a59cb)', () => {
  test('the nine built-in groups, in order, with the same members', () => {
    assert.deepEqual(
      BUILT_IN_GROUPS.map((g) => [g.name, g.level, sorted(g.privileges)]),
      v26.builtInGroups.map((g) => [g.name, g.level, sorted(g.privileges)]),
    );
  });

  test('the legacy groups ReadOnly, ReadWrite and Admin hold what the privilege interceptor expands', () => {
    for (const g of LEGACY_GROUPS)
      assert.deepEqual(sorted(g.privileges), sorted(v26.legacyGroup(g.name) ?? []), g.name);
  });

  test('the V1 lists per object type (the 2.6 names; 3.0 adds its own)', () => {
    for (const type of ['Collection', 'Global', 'User'] as const) {
      const client = V1_OBJECT_PRIVILEGES[type].filter((p) => !new30.includes(p));
      assert.deepEqual(client, [...v26.v1Privileges(type)], type);
    }
  });

  test('every privilege the client offers below 3.0 is a name 2.6.19 defines, at the level Milvus gives it', () => {
    for (const p of PRIVILEGES.filter((x) => !new30.includes(x.name))) {
      assert.ok(v26.isDefinedPrivilegeName(p.name), p.name);
      assert.equal(milvusPrivilegeLevel(p.name), v26.privilegeLevel(p.name), p.name);
    }
  });
});

describe('Milvus 3.0.0 (common.proto 79–90 at milvus-proto v3.0.0, constant.go at 6298d2ff68)', () => {
  test('the 11 new privileges: defined, V1 object type and level as 3.0 has them', () => {
    assert.equal(new30.length, 11);
    for (const name of new30) {
      assert.ok(v30.isDefinedPrivilegeName(name), name);
      assert.ok(!v26.isDefinedPrivilegeName(name), `${name} is not a 2.6.19 name`);
      assert.ok(isDefinedPrivilegeName(name), name);
      assert.equal(milvusPrivilegeLevel(name), v30.privilegeLevel(name), name);
      const p = PRIVILEGES.find((x) => x.name === name);
      assert.equal(p?.v1ObjectType, v30.objectTypeOf(name), name);
    }
  });

  test('the pickers offer them on 3.0+ only', () => {
    for (const level of ['Cluster', 'Database', 'Collection'] as const) {
      const on26 = privilegesForLevel(level, 'v2.6.19').map((p) => p.name);
      const on30 = privilegesForLevel(level, 'v3.0.0').map((p) => p.name);
      assert.deepEqual(
        on26.filter((n) => new30.includes(n)),
        [],
        level,
      );
      assert.deepEqual(
        sorted(on30.filter((n) => new30.includes(n))),
        sorted(new30.filter((n) => PRIVILEGES_3_0[n] === level)),
        level,
      );
    }
  });
});

// The test server's catalogue has one entry per release whose privilege names changed; 2.6.0 to 2.6.15 share the
// 2.6.15 one, so the releases inside that range (the 2.6.9 file resources) are not checked here.
describe('each release: the pickers offer exactly the privileges its catalogue defines', () => {
  for (const version of ['v2.4.9', 'v2.4.10', 'v2.4.16', 'v2.4.18', 'v2.5.27', 'v2.6.16', 'v2.6.19', 'v3.0.0'])
    test(version, () => {
      const server = catalogueFor(version);
      const offered = (['Cluster', 'Database', 'Collection'] as const).flatMap((level) =>
        privilegesForLevel(level, version).map((p) => p.name),
      );
      const defined = PRIVILEGES.map((p) => p.name).filter((name) => server.isDefinedPrivilegeName(name));
      assert.deepEqual(sorted(offered), sorted(defined));
    });
});
