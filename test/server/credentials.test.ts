// Scenario rows U1–U12 of docs/milvus-behaviour.md §3.3, plus the §3.1 username/password rules and §2.1 base64 passwords.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import {
  AUTH_FAILED,
  Harness,
  assertGrpcError,
  assertInputError,
  assertOk,
  assertStatus,
  makeUser,
  rawCall,
} from './helpers';

describe('credentials (§3.3 U1–U12)', () => {
  let h: Harness;
  let root: MilvusClient;

  before(async () => {
    h = await Harness.start({ auth: true, superUsers: ['boss'] });
    root = await h.root();
    // U9/U10: superUsers skip the old-password check, but still need the UpdateUser privilege (§2.6), so boss is an admin.
    await makeUser(root, 'boss', 'bosspass', ['admin']);
  });
  after(() => h.close());

  // §3.3 U1 (and §5.1: the description field, 2.6.19+)
  test('U1 create a new valid user → success, visible at once in ListCredUsers and SelectUser, can log in', async () => {
    assertOk(await root.createUser({ username: 'u1user', password: 'u1password', description: 'first user' }));
    const list = await root.listUsers();
    assertOk(list);
    assert.ok(list.usernames.includes('u1user'));
    const sel = await root.describeUser({ username: 'u1user' });
    assertOk(sel);
    assert.equal(sel.results.length, 1);
    assert.equal(sel.results[0].user.name, 'u1user');
    assert.deepEqual(sel.results[0].roles, []);
    assert.equal((sel.results[0] as { description?: string }).description, 'first user');
    const u1 = await h.as('u1user', 'u1password');
    assertOk(await u1.describeUser({ username: 'u1user' }));
  });

  // §3.1: since 2.6.0 usernames may contain '-' and '.'; 32 bytes is the maximum; the name is trimmed (2.6.6+)
  test('U1 usernames with "-" and ".", of exactly 32 bytes, and with surrounding spaces (trimmed) are accepted', async () => {
    assertOk(await root.createUser({ username: 'u1.dotted-name', password: 'u1password' }));
    assertOk(await root.createUser({ username: 'u' + 'x'.repeat(31), password: 'u1password' }));
    assertOk(await root.createUser({ username: '  u1trim  ', password: 'u1password' }));
    const list = await root.listUsers();
    assert.ok(list.usernames.includes('u1.dotted-name'));
    assert.ok(list.usernames.includes('u' + 'x'.repeat(31)));
    assert.ok(list.usernames.includes('u1trim'), `trimmed name expected in ${JSON.stringify(list.usernames)}`);
  });

  // §3.3 U2
  test('U2 create a duplicate user → 1100 / CreateCredentialFailure / "user already exists: <u>: invalid parameter"', async () => {
    assertOk(await root.createUser({ username: 'u2user', password: 'u2password' }));
    const res = await root.createUser({ username: 'u2user', password: 'otherpass' });
    assertStatus(res, {
      code: 1100,
      error_code: 'CreateCredentialFailure',
      reason: 'user already exists: u2user: invalid parameter',
    });
    assertInputError(res);
    // the original password still works
    await h.as('u2user', 'u2password');
  });

  // §3.3 U3 (2.6 checks the duplicate before the limit)
  test('U3 create beyond maxUserNum (root counts) → 9 / CreateCredentialFailure / quota exceeded', async () => {
    const small = await Harness.start({ auth: true, maxUsers: 2 });
    try {
      const r = await small.root();
      assertOk(await r.createUser({ username: 'u3first', password: 'u3password' }));
      assertStatus(await r.createUser({ username: 'u3second', password: 'u3password' }), {
        code: 9,
        error_code: 'CreateCredentialFailure',
        reason:
          'failed to check if add credential: quota exceeded[reason=unable to add user because the number of users has reached the limit]',
      });
      assertStatus(await r.createUser({ username: 'u3first', password: 'u3password' }), {
        code: 1100,
        error_code: 'CreateCredentialFailure',
        reason: 'user already exists: u3first: invalid parameter',
      });
    } finally {
      await small.close();
    }
  });

  // §3.3 U4 + §3.1 username and password rules (proxy validation: code 1100, EC 5)
  describe('U4 create with an invalid username or password → 1100 / IllegalArgument', () => {
    const cases: { name: string; username: string; password: string; reason: string }[] = [
      {
        name: 'empty username',
        username: '',
        password: 'goodpass',
        reason: 'username must be not empty: invalid parameter',
      },
      {
        name: 'blank username (trimmed first)',
        username: '   ',
        password: 'goodpass',
        reason: 'username must be not empty: invalid parameter',
      },
      {
        name: '33-byte username',
        username: 'u' + 'y'.repeat(32),
        password: 'goodpass',
        reason: `invalid username u${'y'.repeat(32)} with length 33, the length of username must be less than 32: invalid parameter`,
      },
      {
        name: 'first character not a letter',
        username: '1abc',
        password: 'goodpass',
        reason: 'invalid user name 1abc, the first character must be a letter, but got 1: invalid parameter',
      },
      {
        name: 'underscore first',
        username: '_abc',
        password: 'goodpass',
        reason: 'invalid user name _abc, the first character must be a letter, but got _: invalid parameter',
      },
      {
        name: 'forbidden character',
        username: 'a#b',
        password: 'goodpass',
        reason:
          'invalid user name a#b, username must contain only numbers, letters, underscores, dots, and hyphens, but got %!s(uint8=35): invalid parameter',
      },
      {
        name: '5-byte password',
        username: 'u4short',
        password: 'abcde',
        reason: 'invalid password length: invalid parameter[5 out of range 6 <= value <= 72]',
      },
      {
        name: '73-byte password',
        username: 'u4long',
        password: 'p'.repeat(73),
        reason: 'invalid password length: invalid parameter[73 out of range 6 <= value <= 72]',
      },
      {
        name: '74-byte password of 37 two-byte characters',
        username: 'u4utf',
        password: 'ä'.repeat(37),
        reason: 'invalid password length: invalid parameter[74 out of range 6 <= value <= 72]',
      },
    ];
    for (const c of cases) {
      test(`U4 ${c.name}`, async () => {
        const res = await root.createUser({ username: c.username, password: c.password });
        assertStatus(res, { code: 1100, error_code: 'IllegalArgument', reason: c.reason });
        assertInputError(res);
      });
    }
    test('U4 password length is in bytes: 3 two-byte characters (6 bytes) and 72 bytes are accepted', async () => {
      assertOk(await root.createUser({ username: 'u4bytes', password: 'äöü' }));
      await h.as('u4bytes', 'äöü');
      assertOk(await root.createUser({ username: 'u4max', password: 'q'.repeat(72) }));
      await h.as('u4max', 'q'.repeat(72));
    });
  });

  // §2.1: passwords arrive base64-encoded; a bad encoding fails with 1100 "decode password fail: ..."
  test('U4 §2.1 CreateCredential with a password that is not valid base64 → 1100 "decode password fail"', async () => {
    const res = await rawCall(root, 'CreateCredential', { username: 'u4b64', password: '%%not base64%%' });
    assertStatus(res, { code: 1100, reasonIncludes: 'decode password fail: ' });
    assert.equal((await root.describeUser({ username: 'u4b64' })).results.length, 0);
  });

  // §3.3 U5
  test('U5 delete root → 1401 / UnexpectedError / "root user cannot be deleted: privilege not permitted"', async () => {
    const res = await root.deleteUser({ username: 'root' });
    assertStatus(res, {
      code: 1401,
      error_code: 'UnexpectedError',
      reason: 'root user cannot be deleted: privilege not permitted',
    });
    assert.ok((await root.listUsers()).usernames.includes('root'));
  });

  // §3.3 U6; §3.1: DeleteCredential does not validate the username
  test('U6 delete a non-existent user → success (idempotent), even with a name that is not a valid username', async () => {
    assertOk(await root.deleteUser({ username: 'u6ghost' }));
    assertOk(await root.deleteUser({ username: '1 not-a valid#name' }));
  });

  // §3.1: user description ≤ 1024 bytes (2.6.19+)
  test('U1 §3.1 a description over 1024 bytes → 1100 "invalid user description with length N…"; 1024 bytes are accepted', async () => {
    assertStatus(await root.createUser({ username: 'u1desc', password: 'u1password', description: 'd'.repeat(1025) }), {
      code: 1100,
      reasonIncludes:
        'invalid user description with length 1025, the length of user description must be less than or equal to 1024',
    });
    assertOk(await root.createUser({ username: 'u1desc', password: 'u1password', description: 'd'.repeat(1024) }));
    assertStatus(await root.updateUser({ username: 'u1desc', description: 'e'.repeat(1025) }), {
      code: 1100,
      reasonIncludes:
        'invalid user description with length 1025, the length of user description must be less than or equal to 1024',
    });
  });

  // §3.3 U7
  test('U7 a logged-in user deletes itself → success; its bindings go and its next call fails authentication', async () => {
    await makeUser(root, 'u7user', 'u7password', ['admin', 'u7role']);
    const self = await h.as('u7user', 'u7password');
    assertOk(await self.deleteUser({ username: 'u7user' }));
    await assertGrpcError(self.listUsers(), AUTH_FAILED);
    assert.equal((await root.describeUser({ username: 'u7user' })).results.length, 0);
    // a user created again under the same name does not inherit the old bindings
    assertOk(await root.createUser({ username: 'u7user', password: 'u7password' }));
    assert.deepEqual((await root.describeUser({ username: 'u7user' })).results[0].roles, []);
    const role = await root.describeRole({ roleName: 'u7role' });
    assert.deepEqual(role.results[0].users, []);
  });

  // §3.3 U8
  test('U8 update with a wrong old password → 1400 / UnexpectedError / "old password not correct for <u>: not authenticated"', async () => {
    await makeUser(root, 'u8user', 'u8password');
    const self = await h.as('u8user', 'u8password');
    const res = await self.updateUser({ username: 'u8user', oldPassword: 'wrongpass', newPassword: 'u8newpass' });
    assertStatus(res, {
      code: 1400,
      error_code: 'UnexpectedError',
      reason: 'old password not correct for u8user: not authenticated',
    });
    await h.as('u8user', 'u8password');
    // with the right old password the change works and the old password stops working
    assertOk(await self.updateUser({ username: 'u8user', oldPassword: 'u8password', newPassword: 'u8newpass' }));
    await h.as('u8user', 'u8newpass');
    await assertGrpcError(h.as('u8user', 'u8password'), AUTH_FAILED);
  });

  // §3.3 U9
  test('U9 a superUser changes another password without the old one; root (not a superUser) still needs it', async () => {
    await makeUser(root, 'u9user', 'u9password');
    const boss = await h.as('boss', 'bosspass');
    assertOk(await boss.updateUser({ username: 'u9user', oldPassword: '', newPassword: 'u9newpass' }));
    await h.as('u9user', 'u9newpass');
    assertOk(await boss.updateUser({ username: 'u9user', oldPassword: 'garbage', newPassword: 'u9third' }));
    await h.as('u9user', 'u9third');
    assertStatus(await root.updateUser({ username: 'u9user', oldPassword: '', newPassword: 'u9fourth' }), {
      code: 1400,
      error_code: 'UnexpectedError',
      reason: 'old password not correct for u9user: not authenticated',
    });
    await h.as('u9user', 'u9third');
  });

  // §3.3 U10
  test('U10 update a non-existent user → non-superuser 1400; superuser 65535 / UpdateCredentialFailure "user not found"', async () => {
    assertStatus(await root.updateUser({ username: 'u10ghost', oldPassword: 'whatever1', newPassword: 'newpass10' }), {
      code: 1400,
      error_code: 'UnexpectedError',
      reason: 'old password not correct for u10ghost: not authenticated',
    });
    const boss = await h.as('boss', 'bosspass');
    assertStatus(await boss.updateUser({ username: 'u10ghost', oldPassword: '', newPassword: 'newpass10' }), {
      code: 65535,
      error_code: 'UpdateCredentialFailure',
      reason: 'failed to check if update credential: user not found',
    });
    assert.equal(
      (await root.describeUser({ username: 'u10ghost' })).results.length,
      0,
      'the user must not be created (2.5 upsert behaviour)',
    );
    // §3.1: UpdateCredential does not validate the username, so an invalid name fails the same way
    assertStatus(await root.updateUser({ username: '1bad#name', oldPassword: 'whatever1', newPassword: 'newpass10' }), {
      code: 1400,
      error_code: 'UnexpectedError',
      reason: 'old password not correct for 1bad#name: not authenticated',
    });
  });

  // §3.3 U11 (the document gives no error_code for this failure, so only code and text are asserted)
  test('U11 update with an empty new password: without description → 1100 "must update either password or description"; with description → only the description changes', async () => {
    await makeUser(root, 'u11user', 'u11password');
    const self = await h.as('u11user', 'u11password');
    const res = await self.updateUser({ username: 'u11user', oldPassword: 'u11password', newPassword: '' });
    assertStatus(res, { code: 1100, reasonIncludes: 'must update either password or description' });
    assertOk(
      await self.updateUser({
        username: 'u11user',
        oldPassword: 'u11password',
        newPassword: '',
        description: 'changed',
      }),
    );
    const sel = await root.describeUser({ username: 'u11user' });
    assert.equal((sel.results[0] as { description?: string }).description, 'changed');
    await h.as('u11user', 'u11password');
    // description only, no password fields at all (SDK sends just username + description)
    assertOk(await self.updateUser({ username: 'u11user', description: 'again' }));
    assert.equal(
      ((await root.describeUser({ username: 'u11user' })).results[0] as { description?: string }).description,
      'again',
    );
  });

  // §3.3 U12
  test('U12 ListCredUsers → every username including root, in lexicographic (byte) order', async () => {
    const other = await Harness.start({ auth: true });
    try {
      const r = await other.root();
      for (const u of ['zed', 'bob', 'Alice', 'carol'])
        assertOk(await r.createUser({ username: u, password: 'password1' }));
      const list = await r.listUsers();
      assertOk(list);
      assert.deepEqual(list.usernames, ['Alice', 'bob', 'carol', 'root', 'zed']);
    } finally {
      await other.close();
    }
  });

  // §3.5: root is special-cased, not bound to admin
  test('U12 §3.5 SelectUser(root) → root has no roles', async () => {
    const sel = await root.describeUser({ username: 'root' });
    assertOk(sel);
    assert.equal(sel.results.length, 1);
    assert.deepEqual(sel.results[0].roles, []);
  });
});
