// The grant picker offers what the connected release defines (src/core/access/privileges.ts, the per-release
// catalogue): the privileges 3.0.0 added (snapshots, schema changes, external collections) are not offered on 2.6.19,
// where Milvus would refuse them, and are offered on 3.0.0. Each release gets its own test server.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import { waitFor } from './extensionHelpers';
import { COMMANDS, rbacSuite, run } from './rbacHelpers';

type Picker = vscode.QuickPick<vscode.QuickPickItem>;

/** Privileges (on the collection level) that 3.0.0 defines and 2.6.19 does not (milvus-proto common.proto@v3.0.0). */
const NEW_IN_3_0 = [
  'CreateSnapshot',
  'DropSnapshot',
  'DescribeSnapshot',
  'ListSnapshots',
  'RestoreSnapshot',
  'AlterCollectionSchema',
  'RefreshExternalCollection',
];

/**
 * Runs Grant Privilege at the collection level for role `analyst`, picks default.books, and returns the labels the
 * privilege picker offers; then dismisses it (the command ends without granting anything).
 */
async function offeredAtCollectionLevel(api: MilvusAccessManagerApi, id: string): Promise<string[]> {
  const answers: [RegExp, string][] = [
    [/Select the database/, 'default'],
    [/Select the collection in default/, 'books'],
  ];
  let offered: string[] | undefined;
  let failure: Error | undefined;
  const answer = async (picker: Picker): Promise<void> => {
    await waitFor(() => !picker.busy && picker.items.length > 0, 'the picker to load');
    const placeholder = picker.placeholder ?? '';
    if (/privileges or groups to grant/.test(placeholder)) {
      offered = picker.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => i.label);
      picker.hide();
      return;
    }
    const next = answers.find(([asks]) => asks.test(placeholder))?.[1];
    assert.ok(next, `an unexpected step: ${placeholder}`);
    const item = picker.items.find((i) => i.label === next);
    assert.ok(item, `no "${next}" in ${picker.items.map((i) => i.label).join(', ')}`);
    picker.activeItems = [item];
    await waitFor(() => picker.activeItems[0] === item, 'the item to be highlighted');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  };
  const listener = api.onDidShowPick((shown) => {
    answer(shown as Picker).catch((e: unknown) => {
      failure = e instanceof Error ? e : new Error(String(e));
      shown.hide(); // ends the command, so the test reports the failure instead of hanging
    });
  });
  try {
    await run(api, COMMANDS.grantPrivilege, { id, role: 'analyst', level: 'Collection' });
  } finally {
    listener.dispose();
  }
  if (failure) throw failure;
  assert.ok(offered, 'the privilege picker was never shown');
  assert.equal(api.commandErrors.last, undefined, api.commandErrors.last?.message);
  return offered;
}

const SEED = { roles: ['analyst'], collections: [{ name: 'books' }] };

suite('grant picker on 2.6.19: no 3.0-only privileges', () => {
  const fixture = rbacSuite('Release 2.6 root', { version: 'v2.6.19', seed: SEED });

  test('the collection-level privileges are 2.6.19 ones: Search and Query, none of the 3.0 additions', async () => {
    const offered = await offeredAtCollectionLevel(fixture.api, fixture.root.id);
    assert.ok(offered.includes('Search') && offered.includes('Query'), offered.join(', '));
    assert.deepEqual(
      NEW_IN_3_0.filter((p) => offered.includes(p)),
      [],
    );
  });
});

suite('grant picker on 3.0.0: the 3.0 privileges are offered', () => {
  const fixture = rbacSuite('Release 3.0 root', { version: 'v3.0.0', seed: SEED });

  test('every collection-level privilege 3.0 added is offered, beside Search and Query', async () => {
    const offered = await offeredAtCollectionLevel(fixture.api, fixture.root.id);
    assert.ok(offered.includes('Search') && offered.includes('Query'), offered.join(', '));
    assert.deepEqual(
      NEW_IN_3_0.filter((p) => !offered.includes(p)),
      [],
    );
  });
});
