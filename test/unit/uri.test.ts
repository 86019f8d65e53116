import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { hostPort, isUriViolation, parseConnectionUri, type ParsedConnectionUri } from '../../src/core/milvus/uri';

function ok(text: string): ParsedConnectionUri {
  const r = parseConnectionUri(text);
  if (isUriViolation(r)) {
    assert.fail(`expected ${JSON.stringify(text)} to parse, got ${r.rule}: ${r.message}`);
  }
  return r;
}

function bad(text: string, rule: string): string {
  const r = parseConnectionUri(text);
  assert.ok(isUriViolation(r), `expected ${JSON.stringify(text)} to be refused, got ${JSON.stringify(r)}`);
  assert.equal(r.rule, rule, `${JSON.stringify(text)}: ${r.message}`);
  assert.match(r.message, /^[A-Z"].*\.$/, 'a sentence');
  return r.message;
}

describe('parseConnectionUri: accepted forms', () => {
  test('bare host gets http and the default port', () => {
    assert.deepEqual(ok('localhost'), { uri: 'http://localhost:19530', tls: false, host: 'localhost', port: 19530 });
  });
  test('host:port', () => {
    assert.deepEqual(ok('milvus.example.com:443'), {
      uri: 'http://milvus.example.com:443',
      tls: false,
      host: 'milvus.example.com',
      port: 443,
    });
  });
  test('http://host:port with surrounding whitespace and a trailing slash', () => {
    assert.deepEqual(ok('  http://127.0.0.1:19531/  '), {
      uri: 'http://127.0.0.1:19531',
      tls: false,
      host: '127.0.0.1',
      port: 19531,
    });
  });
  test('https with user and database', () => {
    assert.deepEqual(ok('https://alice@host:19530/db1'), {
      uri: 'https://host:19530',
      tls: true,
      host: 'host',
      port: 19530,
      username: 'alice',
      database: 'db1',
    });
  });
  test('https without a port still defaults to 19530 (not 443)', () => {
    assert.equal(ok('https://in01.zillizcloud.com').port, 19530);
    assert.equal(ok('http://h').port, 19530);
  });
  test('scheme is case-insensitive', () => {
    assert.equal(ok('HTTPS://Host:1').uri, 'https://Host:1');
  });
  test('IPv6 in brackets, with and without port', () => {
    assert.deepEqual(ok('[::1]:19530'), { uri: 'http://[::1]:19530', tls: false, host: '::1', port: 19530 });
    assert.deepEqual(ok('https://[fe80::1%eth0]'), {
      uri: 'https://[fe80::1%eth0]:19530',
      tls: true,
      host: 'fe80::1%eth0',
      port: 19530,
    });
  });
  test('percent-encoded user and database are decoded', () => {
    const r = ok('http://a%2Eb@h:1/my%5Fdb');
    assert.equal(r.username, 'a.b');
    assert.equal(r.database, 'my_db');
  });
  test('port bounds 1 and 65535 are accepted', () => {
    assert.equal(ok('h:1').port, 1);
    assert.equal(ok('h:65535').port, 65535);
  });
  test('hostPort brackets IPv6 only', () => {
    assert.equal(hostPort('::1', 5), '[::1]:5');
    assert.equal(hostPort('h', 5), 'h:5');
  });
});

describe('parseConnectionUri: malformed input', () => {
  test('empty and blank', () => {
    bad('', 'uri.empty');
    bad('   ', 'uri.empty');
  });
  test('bad schemes', () => {
    assert.match(bad('ftp://host:1', 'uri.scheme'), /http:\/\/ or https:\/\//);
    bad('grpc://host', 'uri.scheme');
    bad('tcp://host:19530', 'uri.scheme');
    bad('://host', 'uri.scheme');
  });
  test('ports out of range or not numbers', () => {
    bad('host:0', 'uri.port');
    bad('host:65536', 'uri.port');
    bad('host:99999', 'uri.port');
    bad('host:123456', 'uri.port');
    bad('host:-1', 'uri.port');
    bad('host:abc', 'uri.port');
    bad('host:', 'uri.port');
    bad('[::1]:70000', 'uri.port');
  });
  test('empty or invalid host', () => {
    bad('http://', 'uri.host');
    bad('http://:19530', 'uri.host');
    bad(':19530', 'uri.host');
    bad('http://user@/db', 'uri.host');
    bad('ho st', 'uri.whitespace');
    bad('http://exa_mple..com', 'uri.host');
    bad('http://-bad.com', 'uri.host');
    bad('http://h$t', 'uri.host');
  });
  test('IPv6 problems', () => {
    assert.match(bad('::1', 'uri.host'), /brackets/);
    bad('[::1', 'uri.host');
    bad('[]:1', 'uri.host');
    bad('[zz::1]', 'uri.host');
    bad('[::1]x', 'uri.host');
  });
  test('a password in the address is refused without echoing it', () => {
    const message = bad('https://alice:s3cret-pw@host:19530', 'uri.password');
    assert.ok(!message.includes('s3cret-pw'));
  });
  test('paths, queries and fragments', () => {
    bad('http://h:1/a/b', 'uri.path');
    bad('http://h:1/%E0%A4%A', 'uri.path');
    bad('http://h:1/?db=x', 'uri.query');
    bad('http://h:1#frag', 'uri.query');
  });
  test('empty user before @', () => {
    bad('http://@h:1', 'uri.username');
  });
});
