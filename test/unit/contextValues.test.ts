// Menus by contextValue: the when clauses test each flag on its own, so neither the order of the flags nor a new flag
// changes which items a node gets.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { contextValue, folderContext, roleContext, userContext } from '../../src/tree/contextValues';

interface MenuItem {
  command: string;
  when?: string;
}

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuItem[]> };
};
const items = pkg.contributes.menus['view/item/context'];

/** The items a node with this contextValue gets (clauses are `viewItem == x` or `viewItem =~ /re/`). */
function menuFor(value: string): string[] {
  const shows = (item: MenuItem): boolean => {
    const eq = /viewItem == ([\w.]+)/.exec(item.when ?? '');
    if (eq) return eq[1] === value;
    const re = /viewItem =~ \/(.+)\/$/.exec(item.when ?? '');
    return re !== null && new RegExp(re[1]).test(value);
  };
  return [...new Set(items.filter(shows).map((i) => i.command))].sort();
}

function permutations<T>(list: readonly T[]): T[][] {
  if (list.length <= 1) return [[...list]];
  return list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]));
}

function subsets<T>(list: readonly T[]): T[][] {
  return list.reduce<T[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]);
}

test('the builders write the kind, then one flag per state that is set', () => {
  assert.equal(userContext(true, true, false), 'user.root.self.noDescriptionEdit');
  assert.equal(userContext(false, false, true), 'user');
  assert.equal(roleContext(true, true), 'role.builtin');
  assert.equal(contextValue('folder.users', { filtered: true }), 'folder.users.filtered');
});

for (const [kind, flags] of [
  ['user', ['root', 'self', 'noDescriptionEdit']],
  ['role', ['builtin', 'noDescriptionEdit']],
  ['folder.users', ['filtered', 'noCreate']],
  ['folder.roles', ['filtered', 'noCreate']],
  ['folder.privilegeGroups', ['filtered', 'noAccess', 'noCreate']],
] as const) {
  test(`${kind}: the flags in any order, and an unknown flag added, give the same menu`, () => {
    for (const set of subsets(flags)) {
      const expected = menuFor([kind, ...set].join('.'));
      if (set.length === 0) assert.ok(expected.length > 0, kind);
      for (const order of permutations([...set, 'someFutureFlag'])) {
        assert.deepEqual(menuFor([kind, ...order].join('.')), expected, [kind, ...order].join('.'));
      }
    }
  });
}

test('a Privilege groups folder the server refused to list offers no Create Privilege Group (issue 23 item 12)', () => {
  const create = 'milvusAccessManager.createPrivilegeGroup';
  assert.ok(menuFor(folderContext('folder.privilegeGroups', false)).includes(create));
  assert.ok(!menuFor(folderContext('folder.privilegeGroups', false, true)).includes(create));
  assert.ok(!menuFor(folderContext('folder.privilegeGroups', true, true)).includes(create));
});

test('a folder whose flavour refuses creation offers no create item, and keeps Filter and Refresh (Zilliz Cloud)', () => {
  for (const [kind, create] of [
    ['folder.users', 'milvusAccessManager.createUser'],
    ['folder.roles', 'milvusAccessManager.createRole'],
    ['folder.privilegeGroups', 'milvusAccessManager.createPrivilegeGroup'],
  ] as const) {
    assert.ok(menuFor(folderContext(kind, false)).includes(create), kind);
    for (const filtered of [false, true]) {
      const menu = menuFor(folderContext(kind, filtered, false, true));
      assert.ok(!menu.includes(create), `${kind} noCreate`);
      assert.ok(
        menu.includes('milvusAccessManager.filterFolder') && menu.includes('milvusAccessManager.refresh'),
        kind,
      );
    }
  }
  assert.equal(folderContext('folder.roles', true, false, true), 'folder.roles.filtered.noCreate');
});
