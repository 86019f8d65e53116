// Change Password in a real VS Code against the test server, as callers that are not root: what the server tells about
// the caller decides which way is offered first, and a caller that cannot succeed is told before typing any password.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../../src/core/types';
import { addConnection, CMD, newSecret, rejectsWithKind, rootProfile } from './extensionHelpers';
import { COMMANDS, countCalls, fails, ok, rbacSuite, run } from './rbacHelpers';

const passwords = {
  nobody: newSecret('Nobody'),
  alice: newSecret('Alice'),
  dave: newSecret('Dave'),
  eve: newSecret('Eve'),
  frank: newSecret('Frank'),
};

suite('change password: the caller decides what is offered', () => {
  const fixture = rbacSuite('Password root', {
    superUsers: ['frank'],
    seed: {
      roles: ['pwreset'],
      users: [
        { name: 'nobody', password: passwords.nobody },
        { name: 'alice', password: passwords.alice },
        { name: 'dave', password: passwords.dave, roles: ['pwreset'] },
        { name: 'eve', password: passwords.eve },
        { name: 'frank', password: passwords.frank },
      ],
      grants: [{ role: 'pwreset', privilege: 'UpdateUser', objectType: 'User', objectName: '*', dbName: 'default' }],
    },
  });
  const connections = new Map<string, ConnectionProfile>();

  async function as(user: keyof typeof passwords): Promise<ConnectionProfile> {
    let profile = connections.get(user);
    if (!profile) {
      profile = await addConnection(
        { ...rootProfile(fixture.milvus, `Password as ${user}`), username: user },
        { password: passwords[user] },
      );
      fixture.created.push(profile.id);
      connections.set(user, profile);
    }
    return profile;
  }

  /**
   * Runs the command the palette way (no passwords given) until it either ends or asks its first question (the test
   * API's onDidShowPick and onDidShowInput events), which is then closed; `prompted` says which came first: 'pick',
   * 'input' or false. Nothing else is waited for: a slow machine makes it slower, never wrong.
   */
  async function runInteractive(
    arg: unknown,
    command: string = COMMANDS.changePassword,
  ): Promise<{ result: unknown; prompted: 'pick' | 'input' | false }> {
    const listeners: vscode.Disposable[] = [];
    const shown = new Promise<'pick' | 'input'>((resolve) => {
      listeners.push(
        fixture.api.onDidShowPick((picker) => {
          picker.hide();
          resolve('pick');
        }),
        fixture.api.onDidShowInput((box) => {
          box.hide();
          resolve('input');
        }),
      );
    });
    const pending = Promise.resolve(run(fixture.api, command, arg));
    try {
      const first = await Promise.race([pending.then(() => false as const), shown]);
      return { result: await pending, prompted: first };
    } finally {
      for (const listener of listeners) listener.dispose();
    }
  }

  test('a caller without UpdateUser is told so before any password is asked, and nothing is sent', async () => {
    const eve = await as('eve');
    let outcome: Awaited<ReturnType<typeof runInteractive>> | undefined;
    const calls = await countCalls(
      fixture.milvus,
      'UpdateCredential',
      async () => (outcome = await runInteractive({ id: eve.id, user: 'alice' })),
    );
    assert.equal(outcome?.prompted, false, 'a QuickPick or InputBox was shown although nothing can work');
    assert.equal(calls, 0);
    const message = fixture.api.commandErrors.last?.message ?? '';
    assert.match(
      message,
      /^eve may not change the password of alice: none of eve's roles \(public\) grants UpdateUser on alice\./,
    );
    assert.match(message, /common\.security\.superUsers does not replace it/);
  });

  test('a superuser without UpdateUser cannot reset another user either (U9): refused up front', async () => {
    const frank = await as('frank');
    const calls = await countCalls(fixture.milvus, 'UpdateCredential', () =>
      fails(
        fixture.api,
        COMMANDS.changePassword,
        { id: frank.id, user: 'alice', reset: true, newPassword: newSecret('Alice2') },
        /frank may not change the password of alice/,
      ),
    );
    assert.equal(calls, 0);
  });

  test('a superuser resets its own password without the old one', async () => {
    const frank = await as('frank');
    const next = newSecret('FrankNew');
    assert.equal(
      await ok(fixture.api, COMMANDS.changePassword, { id: frank.id, user: 'frank', reset: true, newPassword: next }),
      true,
    );
    await fixture.api.connections.test({ ...frank, name: 'frank probe' }, { password: next });
    passwords.frank = next;
  });

  test('with UpdateUser (not a superuser) the old password is offered first, the reset second; one SelectUser, no listing per user', async () => {
    const dave = await as('dave');
    await vscode.commands.executeCommand(CMD.connect, { id: dave.id });
    fixture.milvus.resetRpcCounts();
    const { result, prompted } = await runInteractive({ id: dave.id, user: 'alice' });
    assert.equal(prompted, 'pick', 'the way to change the password was not asked');
    assert.equal(result, undefined);
    assert.equal(fixture.api.commandErrors.last, undefined, fixture.api.commandErrors.last?.message);
    const line = fixture.api.log.recent().find((l) => l.includes('Change password of "alice" as dave'));
    assert.match(
      line ?? '',
      /offering oldPassword, then reset \(role pwreset of dave grants UpdateUser on every user \(database default\)\)/,
    );
    const counts = fixture.milvus.rpcCounts();
    assert.equal(counts.SelectUser, 1);
    assert.equal(counts.ListCredUsers ?? 0, 0);
    assert.equal(counts.UpdateCredential ?? 0, 0);
  });

  test("the offered way works: dave changes alice's password with her old one; his reset is refused with the superUsers explanation", async () => {
    const dave = await as('dave');
    const next = newSecret('AliceNew');
    assert.equal(
      await ok(fixture.api, COMMANDS.changePassword, {
        id: dave.id,
        user: 'alice',
        oldPassword: passwords.alice,
        newPassword: next,
      }),
      true,
    );
    passwords.alice = next;
    await fixture.api.connections.test({ ...dave, name: 'alice probe', username: 'alice' }, { password: next });
    await fails(
      fixture.api,
      COMMANDS.changePassword,
      { id: dave.id, user: 'alice', reset: true, newPassword: newSecret('Alice3') },
      /superUsers/,
    );
    await fixture.api.connections.test(
      { ...dave, name: 'alice probe', username: 'alice' },
      { password: passwords.alice },
    );
  });

  test('Change My Password from the palette as a user with no roles: no user list, the first question is a password', async () => {
    const nobody = await as('nobody');
    const pickers: string[] = [];
    const listener = fixture.api.onDidShowPick((picker) => pickers.push(picker.placeholder ?? ''));
    try {
      let outcome: Awaited<ReturnType<typeof runInteractive>> | undefined;
      const listings = await countCalls(
        fixture.milvus,
        'SelectUser',
        async () => (outcome = await runInteractive({ id: nobody.id }, COMMANDS.changeMyPassword)),
      );
      assert.equal(
        outcome?.prompted,
        'input',
        `no password was asked (result ${String(outcome?.result)}, error of ${fixture.api.commandErrors.last?.command}: ${fixture.api.commandErrors.last?.message})`,
      );
      assert.deepEqual(pickers, [], 'a QuickPick (a user list?) was shown');
      assert.equal(listings, 0, 'SelectUser was sent (refused for a user with no roles)');
      assert.equal(fixture.api.commandErrors.last, undefined, fixture.api.commandErrors.last?.message);
    } finally {
      listener.dispose();
    }
  });

  test('Change My Password as a user with no roles: changed with the old one, stored, reconnected; nothing listed', async () => {
    const { api, milvus } = fixture;
    const nobody = await as('nobody');
    const old = passwords.nobody;
    const next = newSecret('NobodyNew');
    milvus.resetRpcCounts();
    assert.equal(
      await ok(api, COMMANDS.changeMyPassword, { id: nobody.id, oldPassword: old, newPassword: next }),
      true,
    );
    passwords.nobody = next;
    const counts = milvus.rpcCounts();
    assert.equal(counts.UpdateCredential, 1);
    assert.equal(counts.SelectUser ?? 0, 0, JSON.stringify(counts));
    assert.equal(counts.ListCredUsers ?? 0, 0, JSON.stringify(counts));
    assert.deepEqual(await api.vault.get(nobody.id), { password: next }, 'the stored secret is the new password');
    assert.equal(api.connections.status(nobody.id).state, 'connected', 'the connection reconnected');
    assert.equal(api.connections.status(nobody.id).info?.user, 'nobody');
    await api.connections.test({ ...nobody, name: 'nobody probe' }, { password: next });
    await rejectsWithKind(api.connections.test({ ...nobody, name: 'nobody probe' }, { password: old }), 'auth');
  });

  test('Change My Password on a connection without a user name is refused before anything is asked', async () => {
    const { api } = fixture;
    const anonymous = await addConnection({ ...rootProfile(fixture.milvus, 'Password anonymous'), auth: 'none' });
    fixture.created.push(anonymous.id);
    await fails(api, COMMANDS.changeMyPassword, { id: anonymous.id }, /logs in without a user name/);
  });
});
