// The command line's connection from the environment: MILVUS_URI, MILVUS_USER and MILVUS_DB fill in --uri, --user
// and --db (flags win; empty variables count as unset), and the messages name where a bad value came from.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs, UsageError } from '../../src/cli/args';
import { cliConnection } from '../../src/cli/connection';

const FILE = ['--file', 'rbac.json'];

function connection(argv: string[], env: NodeJS.ProcessEnv) {
  return cliConnection(parseCliArgs(['plan', ...FILE, ...argv], env), env);
}

describe('milvus-rbac: connection options from the environment', () => {
  test('MILVUS_URI, MILVUS_USER and MILVUS_DB stand in for --uri, --user and --db', () => {
    const { profile, address } = connection([], {
      MILVUS_URI: 'https://milvus.example.com:19530',
      MILVUS_USER: 'deployer',
      MILVUS_DB: 'analytics',
      MILVUS_PASSWORD: 'x-secret-1',
    });
    assert.equal(address, 'https://milvus.example.com:19530');
    assert.equal(profile.username, 'deployer');
    assert.equal(profile.database, 'analytics');
    assert.equal(profile.auth, 'password');
  });

  test('flags win over the environment, and MILVUS_DB over the URI path', () => {
    const env = {
      MILVUS_URI: 'http://env-host:19530/envdb',
      MILVUS_USER: 'env-user',
      MILVUS_PASSWORD: 'p',
      MILVUS_DB: 'x',
    };
    const flags = connection(['--uri', 'http://flag-host:19530', '--user', 'flag-user', '--db', 'flagdb'], env);
    assert.equal(flags.address, 'http://flag-host:19530');
    assert.equal(flags.profile.username, 'flag-user');
    assert.equal(flags.profile.database, 'flagdb');
    assert.equal(connection([], env).profile.database, 'x');
    assert.equal(connection([], { ...env, MILVUS_DB: '' }).profile.database, 'envdb');
  });

  test('empty variables count as unset: no address at all is a usage error that names both ways', () => {
    assert.throws(
      () => parseCliArgs(['plan', ...FILE], { MILVUS_URI: '  ', MILVUS_USER: '' }),
      (e: unknown) => e instanceof UsageError && /--uri is required \(or set MILVUS_URI\)/.test(e.message),
    );
    assert.equal(parseCliArgs(['plan', '--uri', 'http://h:1', ...FILE], { MILVUS_USER: '' }).user, undefined);
  });

  test('a bad value names the variable it came from', () => {
    assert.throws(() => connection([], { MILVUS_URI: 'ftp://h:1' }), /^Error: MILVUS_URI: /);
    assert.throws(() => connection(['--uri', 'ftp://h:1'], {}), /^Error: --uri: /);
    assert.throws(
      () => connection([], { MILVUS_URI: 'http://h:1', MILVUS_USER: 'ann' }),
      /MILVUS_USER=ann needs a password: set MILVUS_PASSWORD/,
    );
    assert.throws(
      () => connection(['--user', 'ann'], { MILVUS_URI: 'http://h:1' }),
      /--user ann needs a password: set MILVUS_PASSWORD/,
    );
  });
});
