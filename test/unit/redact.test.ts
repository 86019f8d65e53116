// The one redaction rule, used by the log, error mapping and the forms.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REDACTED, redact, secretVariants } from '../../src/core/errors/redact';
import { b64 } from '../../src/core/milvus/wire';
import { errorText } from '../../src/webview/errorText';

describe('redact', () => {
  test('a secret of three characters is masked, as is its base64 form', () => {
    assert.equal(redact(`pw=abc, metadata ${b64('abc')}`, ['abc']), `pw=${REDACTED}, metadata ${REDACTED}`);
  });
  test('one or two characters are left alone: masking them would garble every sentence', () => {
    assert.equal(redact('a bad password', ['a', 'ba', undefined, '']), 'a bad password');
  });
  test('non-ASCII secrets: counted in characters, base64 of their UTF-8 bytes', () => {
    assert.equal(redact('got äöü', ['äöü']), `got ${REDACTED}`, 'three characters (six bytes)');
    assert.equal(redact('got 🔑x', ['🔑x']), 'got 🔑x', 'two characters, though three UTF-16 units');
    const secret = 'пароль密码';
    assert.equal(
      redact(`${secret} / ${Buffer.from(secret, 'utf8').toString('base64')}`, [secret]),
      `${REDACTED} / ${REDACTED}`,
    );
  });
  test('the longer of two overlapping secrets is masked whole', () => {
    assert.equal(redact('token abcdef', ['abc', 'abcdef']), `token ${REDACTED}`);
  });
  test('basic authentication: username:password and its base64 form', () => {
    const secrets = secretVariants('alice', 'Secret-1', undefined);
    assert.equal(redact(`Basic ${b64('alice:Secret-1')}`, secrets), `Basic ${REDACTED}`);
  });
  test('the form masks exactly what the log masks (a three-character password was echoed by the form)', () => {
    assert.equal(errorText(new Error('password xyz is too short'), ['xyz']), `password ${REDACTED} is too short`);
    assert.equal(errorText(new Error('password é€x is too short'), ['é€x']), `password ${REDACTED} is too short`);
  });
});
