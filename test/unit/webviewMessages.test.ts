import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MilvusError } from '../../src/core/errors/milvusError';
import {
  canKeepSecret,
  emptyFields,
  fieldsFromDraft,
  fillFromUri,
  isValid,
  syncSchemeToTls,
  toDraft,
  validateConnection,
  type ConnectionFields,
} from '../../src/webview/connectionModel';
import { REDACTED, redact } from '../../src/core/errors/redact';
import { REMEDIES, type Remedy } from '../../src/core/errors/remedies';
import { errorText } from '../../src/webview/errorText';
import { statusFailure, toMilvusError } from '../../src/core/errors/mapping';
import fs from 'node:fs';
import path from 'node:path';
import {
  describeRejected,
  parseHostMessage,
  parseWebviewMessage,
  type ConnectionDraft,
  type FormKind,
} from '../../src/webview/messages';
import { hasErrors, validateUser } from '../../src/webview/userModel';
import { takenNameMessage } from '../../src/core/rules/newNames';

const draft = (): ConnectionDraft => ({
  profile: {
    name: 'prod',
    uri: 'https://milvus.example.com:19530',
    database: 'default',
    auth: 'password',
    username: 'alice',
    tls: { mode: 'mutual', caPath: '/ca.pem', certPath: '/c.pem', keyPath: '/k.pem', serverName: 'milvus.internal' },
    sessionOnly: false,
    askSecret: false,
    ruleProfile: 'auto',
    flavor: 'zilliz-dedicated',
  },
  secret: { password: 'S3cret-pass!' },
});

const wellFormed: Record<FormKind, Record<string, () => Record<string, unknown>>> = {
  connectionForm: {
    test: () => ({ type: 'test', requestId: 1, draft: draft() }),
    save: () => ({ type: 'save', requestId: 2, draft: draft() }),
    browse: () => ({ type: 'browse', requestId: 3, field: 'caPath' }),
  },
  userForm: {
    create: () => ({
      type: 'create',
      requestId: 4,
      input: { username: 'bob', password: 'Secret123!', description: 'x', roles: ['admin', 'public'] },
    }),
    copy: () => ({ type: 'copy', requestId: 5, text: 'Secret123!' }),
  },
  accessReport: {
    copyMarkdown: () => ({ type: 'copyMarkdown', requestId: 6 }),
  },
};
const kinds = Object.keys(wellFormed) as FormKind[];

/** Returns a deep copy of `value` with `path` set (or deleted when `to` is the symbol). */
const DELETE = Symbol('delete');
function mutate(value: Record<string, unknown>, path: string[], to: unknown): Record<string, unknown> {
  const copy = structuredClone(value);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (to === DELETE) delete node[last];
  else node[last] = to;
  return copy;
}

/** Every path to a leaf or object inside a message, e.g. ['draft', 'profile', 'tls', 'mode']. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

describe('parseWebviewMessage', () => {
  for (const kind of kinds) {
    for (const [type, make] of Object.entries(wellFormed[kind])) {
      test(`${kind}: accepts a well-formed '${type}'`, () => {
        const message = make();
        assert.deepEqual(parseWebviewMessage(kind, message), message);
      });

      test(`${kind}: '${type}' with an extra key anywhere is rejected`, () => {
        const message = make();
        for (const path of [[], ...paths(message)]) {
          const target = path.length ? path : [];
          const node = target.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], message);
          if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
          const junk = mutate(message, [...target, 'junk'], 1);
          assert.equal(parseWebviewMessage(kind, junk), undefined, `junk at ${[...target, 'junk'].join('.')}`);
        }
      });

      test(`${kind}: '${type}' with any field of the wrong type is rejected`, () => {
        const message = make();
        for (const path of paths(message)) {
          for (const wrong of [42, null, true, [], {}, 'x'.repeat(5000)]) {
            const original = path.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], message);
            const tooLong = typeof wrong === 'string' && typeof original === 'string';
            if (!tooLong && typeof wrong === typeof original && Array.isArray(wrong) === Array.isArray(original))
              continue;
            const bad = mutate(message, path, wrong);
            assert.equal(
              parseWebviewMessage(kind, bad),
              undefined,
              `${path.join('.')} = ${JSON.stringify(wrong).slice(0, 20)}`,
            );
          }
        }
      });

      test(`${kind}: '${type}' without a required field is rejected`, () => {
        const message = make();
        const optional = new Set([
          'description',
          'secret',
          'username',
          'sessionOnly',
          'askSecret',
          'ruleProfile',
          'flavor',
          'id',
          'caPath',
          'certPath',
          'keyPath',
          'serverName',
          'password',
          'token',
        ]);
        for (const path of paths(message)) {
          if (optional.has(path[path.length - 1])) continue;
          assert.equal(
            parseWebviewMessage(kind, mutate(message, path, DELETE)),
            undefined,
            `missing ${path.join('.')}`,
          );
        }
      });
    }
  }

  test('optional fields may be absent or undefined', () => {
    const minimal = {
      type: 'save',
      requestId: 9,
      draft: { profile: { name: 'n', uri: 'http://h:1', database: 'default', auth: 'none', tls: { mode: 'off' } } },
    };
    assert.ok(parseWebviewMessage('connectionForm', minimal));
    assert.ok(parseWebviewMessage('connectionForm', mutate(minimal, ['draft', 'secret'], undefined)));
    assert.ok(parseWebviewMessage('connectionForm', mutate(minimal, ['draft', 'secret'], {})));
    const create = {
      type: 'create',
      requestId: 1,
      input: { username: 'u', password: 'p', roles: [], description: undefined },
    };
    assert.ok(parseWebviewMessage('userForm', create));
  });

  test('bad enum values and request ids are rejected', () => {
    const save = wellFormed.connectionForm.save();
    for (const [path, value] of [
      [['draft', 'profile', 'auth'], 'kerberos'],
      [['draft', 'profile', 'tls', 'mode'], 'on'],
      [['draft', 'profile', 'ruleProfile'], 'milvus-9'],
      [['requestId'], 0],
      [['requestId'], -1],
      [['requestId'], 1.5],
      [['requestId'], Number.MAX_SAFE_INTEGER + 2],
      [['requestId'], '1'],
    ] as const) {
      assert.equal(parseWebviewMessage('connectionForm', mutate(save, [...path], value)), undefined, path.join('.'));
    }
    assert.equal(
      parseWebviewMessage('connectionForm', mutate(wellFormed.connectionForm.browse(), ['field'], '/etc/passwd')),
      undefined,
    );
    const create = wellFormed.userForm.create();
    assert.equal(parseWebviewMessage('userForm', mutate(create, ['input', 'roles'], ['ok', 3])), undefined);
    assert.equal(parseWebviewMessage('userForm', mutate(create, ['input', 'roles'], Array(1001).fill('r'))), undefined);
  });

  test('unknown kinds, messages of the other form and non-objects are rejected', () => {
    for (const raw of [
      undefined,
      null,
      42,
      'save',
      [],
      [wellFormed.connectionForm.save()],
      { type: 'delete', requestId: 1 },
      { type: 'toString', requestId: 1 },
      { type: '__proto__', requestId: 1 },
      { type: 'hasOwnProperty' },
      { requestId: 1 },
    ]) {
      for (const kind of kinds) assert.equal(parseWebviewMessage(kind, raw), undefined, JSON.stringify(raw));
    }
    assert.equal(parseWebviewMessage('userForm', wellFormed.connectionForm.save()), undefined);
    assert.equal(parseWebviewMessage('connectionForm', wellFormed.userForm.create()), undefined);
    assert.equal(
      parseWebviewMessage(
        'connectionForm',
        JSON.parse('{"type":"browse","requestId":1,"field":"caPath","__proto__":{"x":1}}'),
      ),
      undefined,
    );
    class Fake {
      type = 'copy';
      requestId = 1;
      text = 'x';
    }
    assert.equal(parseWebviewMessage('userForm', new Fake()), undefined);
  });

  test('describeRejected never echoes content', () => {
    assert.equal(describeRejected({ type: 'save', draft: { secret: { password: 'hunter22' } } }), "type 'save'");
    assert.equal(describeRejected({ type: 'hunter22 is my password' }), 'a object');
    assert.equal(describeRejected('hunter22'), 'a string');
    assert.equal(describeRejected(null), 'null');
    assert.equal(describeRejected([1]), 'an array');
  });
});

describe('parseHostMessage', () => {
  test('accepts results', () => {
    for (const m of [
      { type: 'result', requestId: 1, ok: true },
      { type: 'result', requestId: 1, ok: true, text: 'Connected' },
      { type: 'result', requestId: 1, ok: false, error: 'nope' },
    ]) {
      assert.deepEqual(parseHostMessage(m), m);
    }
  });
  test('rejects malformed results', () => {
    for (const m of [
      { type: 'result', requestId: 1, ok: false },
      { type: 'result', requestId: 1, ok: true, error: 'x' },
      { type: 'result', requestId: 1, ok: false, error: 'x', text: 'y' },
      { type: 'result', requestId: 1, ok: 'yes' },
      { type: 'result', ok: true },
      { type: 'other', requestId: 1, ok: true },
      { type: 'result', requestId: 1, ok: true, extra: 1 },
      null,
    ]) {
      assert.equal(parseHostMessage(m), undefined, JSON.stringify(m));
    }
  });
});

describe('connection form model', () => {
  const noSecret = { hasStoredSecret: false };
  const valid = (): ConnectionFields => ({ ...emptyFields(), name: 'prod', password: 'pw123456' });

  test('a filled form is valid and makes the expected draft', () => {
    const f = valid();
    assert.deepEqual(validateConnection(f, noSecret), {});
    assert.deepEqual(toDraft(f, noSecret), {
      profile: {
        name: 'prod',
        uri: 'http://localhost:19530',
        database: 'default',
        auth: 'password',
        username: 'root',
        tls: { mode: 'off' },
        sessionOnly: false,
        ruleProfile: 'auto',
        flavor: 'auto',
      },
      secret: { password: 'pw123456' },
    });
  });

  test('each invalid field gets its own message', () => {
    const cases: [Partial<ConnectionFields>, keyof ConnectionFields][] = [
      [{ name: '  ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ uri: '' }, 'uri'],
      [{ uri: 'ftp://host' }, 'uri'],
      [{ uri: 'http://host:99999' }, 'uri'],
      [{ uri: 'https://host:19530' }, 'uri'],
      [{ uri: 'http://host:19530', tls: 'oneWay' }, 'uri'],
      [{ database: 'bad db' }, 'database'],
      [{ username: '' }, 'username'],
      [{ password: '' }, 'password'],
      [{ auth: 'token' }, 'token'],
      [{ uri: 'https://h:1', tls: 'mutual', keyPath: '/k' }, 'certPath'],
      [{ uri: 'https://h:1', tls: 'mutual', certPath: '/c' }, 'keyPath'],
      [{ uri: 'https://h:1', tls: 'oneWay', serverName: 'bad name' }, 'serverName'],
    ];
    for (const [change, field] of cases) {
      const errors = validateConnection({ ...valid(), ...change }, noSecret);
      assert.deepEqual(Object.keys(errors), [field], JSON.stringify(change));
      assert.match(errors[field] ?? '', /\w/);
    }
  });

  test('an empty secret keeps the stored one only for the same auth mode', () => {
    const ctx = { hasStoredSecret: true, storedAuth: 'password' as const };
    assert.equal(canKeepSecret(ctx, 'password'), true);
    assert.equal(canKeepSecret(ctx, 'token'), false);
    const f = { ...valid(), password: '' };
    assert.ok(isValid(validateConnection(f, ctx)));
    assert.equal(toDraft(f, ctx).secret, undefined);
    assert.ok(!isValid(validateConnection({ ...f, auth: 'token' }, ctx)));
    assert.deepEqual(toDraft({ ...f, auth: 'none' }, ctx).secret, {});
    assert.deepEqual(toDraft({ ...f, auth: 'token', token: 'tok' }, ctx).secret, { token: 'tok' });
  });

  test('a full URI fills username, database and TLS', () => {
    const filled = fillFromUri(emptyFields(), 'https://alice@milvus.example.com:19530/mydb');
    assert.ok(filled);
    assert.equal(filled.uri, 'https://milvus.example.com:19530');
    assert.equal(filled.username, 'alice');
    assert.equal(filled.database, 'mydb');
    assert.equal(filled.tls, 'oneWay');
    assert.equal(fillFromUri({ ...emptyFields(), auth: 'none' }, 'http://bob@h')?.auth, 'password');
    assert.equal(fillFromUri({ ...emptyFields(), tls: 'mutual' }, 'https://h')?.tls, 'mutual');
    assert.equal(fillFromUri({ ...emptyFields(), tls: 'mutual' }, 'h:1')?.uri, 'https://h:1');
    assert.equal(fillFromUri(emptyFields(), 'ftp://h'), undefined);
    assert.equal(syncSchemeToTls({ ...emptyFields(), tls: 'oneWay' }).uri, 'https://localhost:19530');
  });

  test('the host re-validates a draft from the webview', () => {
    assert.ok(isValid(validateConnection(fieldsFromDraft(draft()), noSecret)));
    const keep = { ...draft(), secret: undefined };
    assert.ok(!isValid(validateConnection(fieldsFromDraft(keep), noSecret)));
    assert.ok(isValid(validateConnection(fieldsFromDraft(keep), { hasStoredSecret: true, storedAuth: 'password' })));
  });
});

describe('user form model', () => {
  test('valid input passes; each rule reports under its field', () => {
    const ok = { username: 'alice', password: 'Secret123!', confirm: 'Secret123!' };
    assert.deepEqual(validateUser(ok, 'milvus-2.6'), {});
    assert.ok(validateUser({ ...ok, username: '1alice' }, 'milvus-2.6').username);
    assert.ok(validateUser({ ...ok, password: 'abc', confirm: 'abc' }, 'milvus-2.6').password);
    assert.ok(validateUser({ ...ok, confirm: 'other' }, 'milvus-2.6').confirm);
    assert.ok(validateUser({ ...ok, description: 'x'.repeat(2000) }, 'milvus-2.6').description);
    assert.ok(hasErrors(validateUser({ ...ok, password: 'secret12', confirm: 'secret12' }, 'zilliz-cloud')));
  });
  test('a name the server already has is flagged (trimmed as the server stores it); without the list nothing is', () => {
    const ok = { username: 'alice', password: 'Secret123!', confirm: 'Secret123!' };
    assert.equal(
      validateUser(ok, 'milvus-2.6', ['root', 'alice']).username,
      'A user named "alice" already exists. Choose another name.',
    );
    assert.equal(
      validateUser({ ...ok, username: ' alice ' }, 'milvus-2.6', ['alice']).username,
      'A user named "alice" already exists. Choose another name.',
    );
    assert.deepEqual(validateUser({ ...ok, username: 'Alice' }, 'milvus-2.6', ['alice']), {});
    assert.deepEqual(validateUser(ok, 'milvus-2.6', undefined), {});
    assert.match(
      validateUser({ ...ok, username: '1alice' }, 'milvus-2.6', ['1alice']).username ?? '',
      /letter/,
      'the naming rule comes first',
    );
  });
  test('taken role and group names', () => {
    assert.equal(
      takenNameMessage('role', 'reader ', ['admin', 'reader']),
      'A role named "reader" already exists. Choose another name.',
    );
    assert.equal(
      takenNameMessage('privilege group', 'g1 ', ['g1']),
      undefined,
      'group names are not trimmed by the server',
    );
    assert.equal(takenNameMessage('role', '', ['']), undefined);
  });
});

describe('error text', () => {
  test("shows the error's message and the server's own words", () => {
    assert.equal(errorText(new Error('Boom')), 'Boom');
    const e = new MilvusError('permission', 'bob may not do this.', {
      serverMessage: 'PrivilegeCreateOwnership: permission deny to bob',
    });
    assert.equal(errorText(e), 'bob may not do this. (server: PrivilegeCreateOwnership: permission deny to bob)');
    const same = new MilvusError('server', 'user already exists: bob', { serverMessage: 'user already exists: bob' });
    assert.equal(errorText(same), 'user already exists: bob');
    assert.equal(errorText('plain'), 'plain');
  });
  test('a recognised server refusal shows only its sentence (the raw text is for the log)', () => {
    const e = statusFailure({
      error_code: 'CreateRoleFailure',
      code: 1100,
      reason: 'role [name:"reader"] already exists: invalid parameter',
    });
    assert.ok(e);
    assert.equal(
      errorText(e),
      'A role named "reader" already exists. Choose another name, or grant privileges to the existing role instead.',
    );
  });
  test('never echoes a secret', () => {
    assert.equal(errorText(new Error('bad password hunter22!'), ['hunter22!']), `bad password ${REDACTED}`);
    assert.equal(redact('abc', ['ab', undefined]), 'abc');
  });
  test('inside the connection form, every "Edit the connection" remedy points at the form instead', () => {
    // Every such remedy is structured (src/core/errors/remedies.ts): no other source file words one itself.
    const src = path.join(__dirname, '../../../src');
    const files = fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of files.filter((f) => f !== path.join('core', 'errors', 'remedies.ts'))) {
      assert.doesNotMatch(fs.readFileSync(path.join(src, file), 'utf8'), /Edit the connection/, file);
    }
    const remedies = Object.values<Remedy>(REMEDIES).filter((r) => r.place === 'connection');
    assert.ok(remedies.length >= 5, remedies.map((r) => r.text).join(' | '));
    for (const remedy of remedies) {
      assert.match(remedy.text, /^Edit the connection/);
      assert.doesNotMatch(remedy.inForm ?? 'Edit the connection', /Edit the connection/, remedy.text);
    }
    const wrong = toMilvusError(
      { code: 16, details: 'auth check failure, please check username and password are correct' },
      { address: 'h:1', user: 'bob', authMode: 'password' },
    );
    assert.equal(
      errorText(wrong, [], { inConnectionForm: true }),
      'Wrong username or password for bob@h:1. Correct the username or password in this form. ' +
        '(server: auth check failure, please check username and password are correct)',
    );
    assert.equal(wrong.remedy, REMEDIES.fixCredentials);
    assert.equal(
      errorText(wrong),
      'Wrong username or password for bob@h:1. Edit the connection to fix the credentials. ' +
        '(server: auth check failure, please check username and password are correct)',
    );
  });
});
