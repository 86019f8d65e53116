import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { grantsDiff, grantToSpec, privilegesDiff, rolesDiff } from '../../src/core/rbac/plan';
import type { GrantSpec } from '../../src/core/types';

describe('rolesDiff', () => {
  test('adds and removes only the difference', () => {
    assert.deepEqual(rolesDiff(['a', 'b', 'c'], ['b', 'c', 'd']), { add: ['d'], remove: ['a'] });
  });
  test('no change gives empty lists', () => {
    assert.deepEqual(rolesDiff(['a', 'b'], ['b', 'a']), { add: [], remove: [] });
  });
  test('from nothing and to nothing', () => {
    assert.deepEqual(rolesDiff([], ['x', 'y']), { add: ['x', 'y'], remove: [] });
    assert.deepEqual(rolesDiff(['x', 'y'], []), { add: [], remove: ['x', 'y'] });
  });
  test('duplicates are ignored; order follows the inputs', () => {
    assert.deepEqual(rolesDiff(['z', 'a', 'a'], ['d', 'c', 'd']), { add: ['d', 'c'], remove: ['z', 'a'] });
  });
  test('applying the diff gives exactly the wanted set (property)', () => {
    const name = fc.constantFrom<string>('admin', 'public', 'r1', 'r2', 'r3', 'r4');
    fc.assert(
      fc.property(fc.array(name), fc.array(name), (current, wanted) => {
        const { add, remove } = rolesDiff(current, wanted);
        const result = new Set(current);
        remove.forEach((r) => result.delete(r));
        add.forEach((r) => result.add(r));
        assert.deepEqual([...result].sort(), [...new Set(wanted)].sort());
        assert.ok(add.every((r) => !current.includes(r)));
        assert.ok(remove.every((r) => !wanted.includes(r)));
      }),
    );
  });
  test('privilegesDiff is the same set difference', () => {
    assert.deepEqual(privilegesDiff(['Query'], ['Query', 'Search']), { add: ['Search'], remove: [] });
  });
});

describe('grantsDiff', () => {
  const t = (privilege: string, dbName = '*', collectionName = '*'): GrantSpec => ({
    role: 'r',
    privilege,
    dbName,
    collectionName,
  });
  test('compares role, privilege, database and collection', () => {
    const current = [t('Search', 'db1', 'c1'), t('Query', 'db1', 'c1')];
    const wanted = [t('Search', 'db1', 'c1'), t('Query', 'db2', 'c1')];
    assert.deepEqual(grantsDiff(current, wanted), {
      add: [t('Query', 'db2', 'c1')],
      remove: [t('Query', 'db1', 'c1')],
    });
  });
  test('grantToSpec maps a listed grant to the V2 target that revokes it', () => {
    assert.deepEqual(
      grantToSpec({
        role: 'r',
        objectType: 'Global',
        objectName: 'c1',
        dbName: 'db1',
        privilege: 'CollectionReadOnly',
        grantor: 'root',
      }),
      { role: 'r', privilege: 'CollectionReadOnly', dbName: 'db1', collectionName: 'c1' },
    );
  });
});
