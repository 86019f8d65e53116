import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { accessNote, isUnrestricted, memberSummary, rolesSummary } from '../../src/core/access/labels';

describe('memberSummary', () => {
  test('counts members of ordinary roles', () => {
    assert.equal(memberSummary({ name: 'reader', users: [] }), '0 members');
    assert.equal(memberSummary({ name: 'reader', users: ['a'] }), '1 member');
    assert.equal(memberSummary({ name: 'admin', users: ['a', 'b'] }), '2 members');
  });
  test('public holds every user, whatever SelectRole lists', () => {
    assert.equal(memberSummary({ name: 'public', users: [] }), 'every user');
    assert.equal(memberSummary({ name: 'public', users: ['a'] }), 'every user (1 also bound explicitly)');
  });
});

describe('rolesSummary and isUnrestricted', () => {
  test('root is an unrestricted superuser even without roles', () => {
    assert.equal(rolesSummary({ name: 'root', roles: [] }), 'superuser · unrestricted');
    assert.equal(rolesSummary({ name: 'root', roles: ['reader'] }), 'superuser · unrestricted · reader');
    assert.ok(isUnrestricted({ name: 'root', roles: [] }));
  });
  test('admin holders are unrestricted; others list their roles', () => {
    assert.equal(rolesSummary({ name: 'dora', roles: ['admin', 'reader'] }), 'admin, reader · unrestricted');
    assert.equal(rolesSummary({ name: 'bob', roles: ['reader', 'writer'] }), 'reader, writer');
    assert.equal(rolesSummary({ name: 'carol', roles: [] }), 'no roles');
    assert.ok(!isUnrestricted({ name: 'bob', roles: ['public'] }));
  });
  test('notes explain public, admin and root only', () => {
    assert.match(accessNote({ role: 'public' }) ?? '', /Every user/);
    assert.match(accessNote({ role: 'admin' }) ?? '', /every privilege check/);
    assert.equal(accessNote({ role: 'reader' }), undefined);
    assert.match(accessNote({ user: { name: 'root', roles: [] } }) ?? '', /superuser/);
    assert.equal(accessNote({ user: { name: 'bob', roles: [] } }), undefined);
  });
});
