// Limits of docs/milvus-behaviour.md §2.5: proxy.maxUserNum counts root, proxy.maxRoleNum counts admin and public (§3.3 U3, R2).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, assertOk, assertStatus } from './helpers';

const USER_QUOTA = {
  code: 9,
  error_code: 'CreateCredentialFailure',
  reason:
    'failed to check if add credential: quota exceeded[reason=unable to add user because the number of users has reached the limit]',
} as const;
const ROLE_QUOTA = {
  code: 9,
  error_code: 'CreateRoleFailure',
  reason:
    'failed to check if create role: quota exceeded[reason=unable to create role because the number of roles has reached the limit]',
} as const;

async function withServer(opts: Parameters<typeof Harness.start>[0], fn: (h: Harness) => Promise<void>): Promise<void> {
  const h = await Harness.start(opts);
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

describe('limits (§2.5)', () => {
  test('maxUsers=1: root fills the quota, so no user can be created', () =>
    withServer({ maxUsers: 1 }, async (h) => {
      const c = await h.connect();
      assertStatus(await c.createUser({ username: 'first', password: 'password1' }), USER_QUOTA);
      assert.deepEqual((await c.listUsers()).usernames, ['root']);
    }));

  test('maxUsers=3: two users fit; deleting one frees a slot; a duplicate at the limit reports the duplicate (2.6 order)', () =>
    withServer({ maxUsers: 3 }, async (h) => {
      const c = await h.connect();
      assertOk(await c.createUser({ username: 'one', password: 'password1' }));
      assertOk(await c.createUser({ username: 'two', password: 'password1' }));
      assertStatus(await c.createUser({ username: 'three', password: 'password1' }), USER_QUOTA);
      assertStatus(await c.createUser({ username: 'two', password: 'password1' }), {
        code: 1100,
        error_code: 'CreateCredentialFailure',
        reason: 'user already exists: two: invalid parameter',
      });
      assertOk(await c.deleteUser({ username: 'one' }));
      assertOk(await c.createUser({ username: 'three', password: 'password1' }));
      assert.equal(h.server.options.maxUsers, 3);
    }));

  test('default maxUsers is 100 including root: 99 users fit, the 100th does not', () =>
    withServer({}, async (h) => {
      const c = await h.connect();
      for (let i = 1; i <= 99; i++) assertOk(await c.createUser({ username: `user${i}`, password: 'password1' }));
      assertStatus(await c.createUser({ username: 'user100', password: 'password1' }), USER_QUOTA);
      assert.equal((await c.listUsers()).usernames.length, 100);
    }));

  test('maxRoles=2: admin and public fill the quota, so no role can be created', () =>
    withServer({ maxRoles: 2 }, async (h) => {
      const c = await h.connect();
      assertStatus(await c.createRole({ roleName: 'first' }), ROLE_QUOTA);
    }));

  test('default maxRoles is 10 including admin and public: 8 custom roles fit; dropping one frees a slot', () =>
    withServer({}, async (h) => {
      const c = await h.connect();
      for (let i = 1; i <= 8; i++) assertOk(await c.createRole({ roleName: `role${i}` }));
      assertStatus(await c.createRole({ roleName: 'role9' }), ROLE_QUOTA);
      assertOk(await c.dropRole({ roleName: 'role1' }));
      assertOk(await c.createRole({ roleName: 'role9' }));
      assertStatus(await c.createRole({ roleName: 'role10' }), ROLE_QUOTA);
      assert.equal((await c.listRoles()).results.length, 10);
    }));
});
