import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ConnectionProfileSchema,
  DraftProfileSchema,
  SeedConnectionSchema,
  type SeedConnection,
} from '../../src/core/connectionSchema';
import { BUILT_IN_GROUPS, PRIVILEGES } from '../../src/core/access/privileges';
import { RBAC_FILE_FORMAT } from '../../src/core/rbac/file';
import { checkShape } from '../../src/core/schema';
import { migrateStoredProfiles } from '../../src/storage/storedProfiles';
import { RBAC_SCHEMA_FILE, SEED_SETTING, rbacFileJsonSchema, staleFiles } from '../../scripts/schemas';
import { REQUEST_NEEDS_FILE } from '../../scripts/requestNeeds';

const ROOT = path.join(__dirname, '../../..');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading JSON schemas
const packageJson = (): Json => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Json;
const seedSetting = (): Json => packageJson().contributes.configuration.properties[SEED_SETTING] as Json;

/** The problem checkShape reports for a seed, as the log shows it. */
function seedProblem(seed: unknown): string | undefined {
  const checked = checkShape(SeedConnectionSchema, seed, 'seedConnections[0]');
  return checked.ok ? undefined : `${checked.at}: ${checked.message}`;
}

describe('generated JSON schemas', () => {
  test('package.json and the RBAC file schema are exactly what scripts/schemas.ts generates (npm run schemas)', () => {
    assert.deepEqual(staleFiles(ROOT), []);
  });

  test('a stale package.json is noticed', () => {
    const copy = fs.mkdtempSync(path.join(ROOT, 'out', 'schemas-'));
    try {
      const pkg = packageJson();
      delete pkg.contributes.configuration.properties[SEED_SETTING].items.properties.ruleProfile;
      fs.writeFileSync(path.join(copy, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
      fs.mkdirSync(path.join(copy, 'schemas'));
      fs.copyFileSync(path.join(ROOT, RBAC_SCHEMA_FILE), path.join(copy, RBAC_SCHEMA_FILE));
      for (const table of ['package.nls.json', 'package.nls.zh-cn.json'])
        fs.copyFileSync(path.join(ROOT, table), path.join(copy, table));
      fs.mkdirSync(path.join(copy, path.dirname(REQUEST_NEEDS_FILE)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, REQUEST_NEEDS_FILE), path.join(copy, REQUEST_NEEDS_FILE));
      assert.deepEqual(staleFiles(copy), ['package.json']);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  test('the seedConnections setting can set every field a saved profile has, except its id, and no secret', () => {
    const items = seedSetting().items as Json;
    const profileFields = Object.keys(ConnectionProfileSchema.pipe[1].entries).filter((k) => k !== 'id');
    assert.deepEqual(Object.keys(items.properties).sort(), profileFields.sort());
    for (const field of ['sessionOnly', 'ruleProfile', 'askSecret']) assert.ok(items.properties[field], field);
    assert.deepEqual(items.required, ['name', 'uri']);
    assert.equal(items.additionalProperties, false);
    assert.deepEqual(Object.keys(items.properties.tls.properties).sort(), [
      'caPath',
      'certPath',
      'keyPath',
      'mode',
      'serverName',
    ]);
    for (const key of Object.keys(items.properties)) assert.doesNotMatch(key, /^(password|token|secret|credential)/i);
  });

  test('package.json validates *.milvus-rbac.json with the generated schema, which the VSIX carries', () => {
    assert.deepEqual(packageJson().contributes.jsonValidation, [
      { fileMatch: '*.milvus-rbac.json', url: `./${RBAC_SCHEMA_FILE}` },
    ]);
    assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/\*\.json$/m);
  });

  test('the RBAC file schema requires the format and version 1, and completes privileges, groups and levels', () => {
    const schema = rbacFileJsonSchema() as Json;
    assert.deepEqual(schema.properties.format.const, RBAC_FILE_FORMAT);
    assert.deepEqual(schema.properties.version.const, 1);
    assert.ok(schema.required.includes('format') && schema.required.includes('version'));
    const privileges = schema.properties.privilegeGroups.items.properties.privileges.items as Json;
    for (const name of [...PRIVILEGES.map((p) => p.name), ...BUILT_IN_GROUPS.map((g) => g.name), 'All'])
      assert.ok(privileges.enum.includes(name), name);
    assert.equal(privileges.enumDescriptions.length, privileges.enum.length);
    assert.match(privileges.enumDescriptions[privileges.enum.indexOf('Search')], /^Collection-level privilege/);
    assert.match(
      privileges.enumDescriptions[privileges.enum.indexOf('ClusterReadOnly')],
      /^Built-in Cluster-level group .*ListDatabases/,
    );
    const grant = schema.properties.grants.items as Json;
    const choices = grant.properties.privilege.anyOf[0] as Json;
    assert.ok(choices.enum.includes('*') && choices.enum.includes('DatabaseAdmin'));
    // Levels: a cluster-level group is granted on "*" / "*", a database-level one on collection "*".
    const [cluster, database] = grant.allOf as Json[];
    assert.deepEqual(cluster.if.properties.privilege.enum, ['ClusterReadOnly', 'ClusterReadWrite', 'ClusterAdmin']);
    assert.equal(cluster.then.properties.dbName.const, '*');
    assert.equal(database.then.properties.collectionName.const, '*');
    assert.equal(grant.additionalProperties, false);
  });
});

describe('connection profile schemas', () => {
  const seed: SeedConnection = {
    name: 'Demo',
    uri: 'http://127.0.0.1:19530',
    auth: 'password',
    username: 'root',
    sessionOnly: true,
    askSecret: true,
    ruleProfile: 'milvus-2.4',
    tls: { mode: 'off' },
  };

  test('a seed may set every non-secret field; name and uri are enough', () => {
    assert.equal(seedProblem(seed), undefined);
    assert.equal(seedProblem({ name: 'n', uri: 'http://h' }), undefined);
    assert.equal(seedProblem({ name: 'n', uri: 'http://h', tls: {} }), undefined);
  });

  test('a bad seed is named with its JSON path and what is wrong, never its value', () => {
    const cases: [unknown, string][] = [
      [[], 'seedConnections[0]: must be an object.'],
      [{ uri: 'http://h' }, 'seedConnections[0]: the field "name" is missing.'],
      [{ ...seed, password: 'hunter22' }, 'seedConnections[0]: unknown field "password".'],
      [{ ...seed, id: 'x' }, 'seedConnections[0]: unknown field "id".'],
      [{ ...seed, auth: 'kerberos' }, 'seedConnections[0].auth: must be one of "none", "password" or "token".'],
      [{ ...seed, tls: [] }, 'seedConnections[0].tls: must be an object.'],
      [{ ...seed, tls: { mode: 'on' } }, 'seedConnections[0].tls.mode: must be one of "off", "oneWay" or "mutual".'],
      [{ ...seed, tls: { ca: '/x' } }, 'seedConnections[0].tls: unknown field "ca".'],
      [{ ...seed, sessionOnly: 'yes' }, 'seedConnections[0].sessionOnly: must be true or false.'],
      [{ ...seed, name: 7 }, 'seedConnections[0].name: must be a string.'],
      [{ ...seed, username: 'x'.repeat(4097) }, 'seedConnections[0].username: must have at most 4096 characters.'],
      [
        { ...seed, ruleProfile: 'milvus-9' },
        'seedConnections[0].ruleProfile: must be one of "auto", "milvus-2.4", "milvus-2.5", "milvus-2.6" or "zilliz-cloud".',
      ],
    ];
    for (const [value, problem] of cases) assert.equal(seedProblem(value), problem, JSON.stringify(value));
    assert.ok(!(seedProblem({ ...seed, auth: 'hunter22' }) ?? '').includes('hunter22'));
  });

  test('a draft from the form needs the full profile; only its id is optional', () => {
    const draft = { name: 'n', uri: 'http://h', database: 'default', auth: 'none', tls: { mode: 'off' } };
    assert.ok(checkShape(DraftProfileSchema, draft).ok);
    assert.ok(checkShape(DraftProfileSchema, { ...draft, id: 'abc' }).ok);
    assert.deepEqual(checkShape(DraftProfileSchema, { ...draft, database: undefined }), {
      ok: false,
      at: 'database',
      message: 'must be a string.',
    });
  });
});

describe('stored profiles', () => {
  const stored = {
    id: 'a1',
    name: 'prod',
    uri: 'https://h:19530',
    database: 'default',
    auth: 'password',
    username: 'alice',
    tls: { mode: 'oneWay', caPath: '/ca.pem' },
    ruleProfile: 'milvus-2.5',
  };

  test('profiles read back as stored', () => {
    assert.deepEqual(migrateStoredProfiles({ version: 1, profiles: [stored] }), {
      profiles: [stored],
      unreadable: [],
      problems: [],
    });
    assert.deepEqual(migrateStoredProfiles(undefined)?.profiles, []);
  });

  test('an entry that does not fit is kept as it is and reported with its path', () => {
    const broken = { ...stored, id: 'b2', auth: 'kerberos' };
    const read = migrateStoredProfiles({ version: 1, profiles: [stored, broken, 'junk'] });
    assert.deepEqual(read?.profiles, [stored]);
    assert.deepEqual(read?.unreadable, [broken, 'junk']);
    assert.deepEqual(read?.problems, [
      'profiles[1].auth: must be one of "none", "password" or "token".',
      'profiles[2]: must be an object.',
    ]);
  });

  test('another format version is not read at all', () => {
    assert.equal(migrateStoredProfiles({ version: 2, profiles: [stored] }), undefined);
    assert.equal(migrateStoredProfiles({ version: 1 }), undefined);
    assert.equal(migrateStoredProfiles('x'), undefined);
  });
});
