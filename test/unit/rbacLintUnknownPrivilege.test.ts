// The editor's lint takes a name listed in privilegesUnknownToClient as a privilege (the server decides its level) and
// still flags an unknown name the file does not list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRbacText } from '../../src/rbacEditor/rbacLint';

const text = (listed: string[]): string =>
  JSON.stringify({
    format: 'milvus-access-manager/rbac',
    version: 1,
    exportedAt: '2026-01-02T03:04:05.000Z',
    source: { address: 'http://staging:19530', serverVersion: 'v3.0.0' },
    roles: [{ name: 'reader' }],
    privilegeGroups: [],
    grants: [
      { role: 'reader', privilege: 'Expr', dbName: '*', collectionName: '*' },
      { role: 'reader', privilege: 'Expr', dbName: 'default', collectionName: 'books' },
    ],
    userRoles: [],
    privilegesUnknownToClient: listed,
  });

test('a listed unknown privilege is no lint issue at any level; an unlisted one is flagged', () => {
  assert.deepEqual(lintRbacText(text(['Expr'])), []);
  assert.deepEqual(
    lintRbacText(text([])).map((i) => i.code),
    ['unknown-group', 'unknown-group'],
  );
});
