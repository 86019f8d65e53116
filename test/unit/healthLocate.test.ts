// Where a health finding about an RBAC file sits in its text (src/rbacEditor/healthLocate.ts): the grant entry, the
// role's name, the binding's user; what the file has no entry for is left unplaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRbacHealth } from '../../src/core/access/health';
import { fileHealthInput } from '../../src/core/access/healthRead';
import { parseRbacFile } from '../../src/core/rbac/fileParse';
import { DEFAULT_RULE_PROFILE } from '../../src/core/rules/profiles';
import { locateFindings } from '../../src/rbacEditor/healthLocate';

const TEXT = `{
  "format": "milvus-access-manager/rbac",
  "version": 1,
  "exportedAt": "2026-01-01T00:00:00.000Z",
  "source": { "address": "http://127.0.0.1:19530", "serverVersion": "v2.6.19" },
  "roles": [{ "name": "idle" }, { "name": "reader" }],
  "privilegeGroups": [],
  "grants": [
    { "role": "reader", "privilege": "Search", "dbName": "default", "collectionName": "books" },
    { "role": "reader", "privilege": "NoSuchThing", "dbName": "default", "collectionName": "*" }
  ],
  "userRoles": [{ "user": "alice", "roles": ["reader"] }, { "user": "bob", "roles": [] }],
  "privilegesUnknownToClient": ["NoSuchThing"]
}
`;

test('each file finding is placed at its grant, role or user', () => {
  const findings = checkRbacHealth(fileHealthInput(parseRbacFile(TEXT, DEFAULT_RULE_PROFILE)));
  const places = locateFindings(TEXT, findings);
  const shown = findings.map((f, i) => {
    const at = places[i];
    return `${f.code} ${at ? TEXT.slice(at.offset, at.offset + at.length) : '-'} ${at?.grantIndex ?? ''}`.trim();
  });
  assert.deepEqual(shown.sort(), [
    'roleWithoutGrants "idle"',
    'roleWithoutMembers "idle"',
    'undefinedPrivilege { "role": "reader", "privilege": "NoSuchThing", "dbName": "default", "collectionName": "*" } 1',
    'userWithoutRoles "bob"',
  ]);
});

test('a text that is no JSON object places nothing', () => {
  const findings = checkRbacHealth(fileHealthInput(parseRbacFile(TEXT, DEFAULT_RULE_PROFILE)));
  assert.deepEqual(
    locateFindings('[]', findings),
    findings.map(() => undefined),
  );
});
