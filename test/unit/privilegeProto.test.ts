// The privilege names and RPC privileges the client derives from the SDK's proto JSON at build time must be current.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { GENERATED_FILE, generatePrivilegeProto } from '../../scripts/privilegeProto';
import { OBJECT_PRIVILEGE_ENUM } from '../../src/core/access/privilegeProto.generated';

const ROOT = path.join(__dirname, '../../..');

test('src/core/access/privilegeProto.generated.ts is what the installed SDK generates (run node esbuild.js)', () => {
  assert.equal(fs.readFileSync(path.join(ROOT, GENERATED_FILE), 'utf8'), generatePrivilegeProto(ROOT));
});

test('the SDK ships the 3.0 privileges (ObjectPrivilege 79–90)', () => {
  for (const n of ['PrivilegeCreateSnapshot', 'PrivilegeExportSnapshot', 'PrivilegeAlterCollectionSchema'])
    assert.ok(OBJECT_PRIVILEGE_ENUM.includes(n), n);
});
