// Bad input in the connection form, property-based (issue 6): malformed URIs, ports, embedded passwords and database
// names never make parseConnectionUri or the form model throw; each is either a valid parse or a violation with a
// sentence; a password in the address never shows up in a message; valid addresses survive format → parse.
// fast-check prints the seed and the counterexample of any failure (rerun with fc.assert's { seed, path }).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDatabaseName } from '../../src/core/rules/checks';
import { Reached } from './propertyRuns';
import { hostPort, isUriViolation, parseConnectionUri, type ParsedConnectionUri } from '../../src/core/milvus/uri';
import {
  emptyFields,
  fieldsFromDraft,
  fillFromUri,
  isValid,
  toDraft,
  validateConnection,
  type ConnectionFields,
  type SecretContext,
} from '../../src/webview/connectionModel';

const RUNS = 3000;
/** The least share of runs that must reach each conditional assertion (about a third of what the generators give). */
const SHARE = 0.02;
const NO_SECRET: SecretContext = { hasStoredSecret: false };

// ---- Arbitraries ------------------------------------------------------------------------------------------------------

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = LOWER + LOWER.toUpperCase() + '0123456789';
const chars = (s: string): fc.Arbitrary<string> => fc.constantFrom(...s);
const word = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: chars(alphabet), minLength, maxLength });

const label = fc
  .tuple(chars(ALNUM), word(ALNUM + '-_', 0, 10), chars(ALNUM))
  .map(([a, mid, z]) => a + mid + z)
  .chain((l) => fc.constantFrom(l, l[0]));
const hostname = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));
const host = fc.oneof(hostname, fc.ipV4(), fc.ipV6(), fc.constant('localhost'));
const port = fc.integer({ min: 1, max: 65535 });

const encodable = (s: string): boolean => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};
/** Any text that can be percent-encoded (no lone surrogates). */
const anyText = fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).filter(encodable);
const validDb = fc
  .tuple(chars(ALNUM + '_'), word(ALNUM + '_', 0, 40))
  .map(([a, b]) => a + b)
  .filter((d) => checkDatabaseName(d) === undefined);

/** Characters RFC 3986 allows in userinfo without encoding (plus `%`); no `/ ? # @ [ ]` or whitespace. */
const USERINFO = ALNUM + "-._~!$&'()*+,;=%";
/** Bits that turn up in pasted addresses. */
const URI_BITS = [
  'http://',
  'https://',
  'HTTP://',
  'grpc://',
  'tcp://',
  'ftp://',
  '://',
  ':/',
  '//',
  '/',
  ':',
  '@',
  '[',
  ']',
  '::1',
  '?',
  '#',
  '%',
  '%2',
  '%zz',
  'localhost',
  '127.0.0.1',
  'example.com',
  '19530',
  '0',
  '65535',
  '65536',
  '-1',
  ' ',
  '\t',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '.',
  '..',
  '-',
  '_',
  'é',
  '😀',
  'db',
  '\u0000',
];
const uriSoup = fc.array(fc.constantFrom(...URI_BITS), { maxLength: 10 }).map((a) => a.join(''));
const anyInput = fc.oneof(
  uriSoup,
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ maxLength: 2000 }),
);

interface UriParts {
  scheme: '' | 'http' | 'https';
  user?: string;
  host: string;
  port?: number;
  db?: string;
}

const validParts: fc.Arbitrary<UriParts> = fc.record(
  {
    scheme: fc.constantFrom('' as const, 'http' as const, 'https' as const),
    user: anyText,
    host,
    port,
    db: fc.oneof(validDb, anyText),
  },
  { requiredKeys: ['scheme', 'host'] },
);

function format(p: UriParts): string {
  const scheme = p.scheme === '' ? '' : `${p.scheme}://`;
  const user = p.user !== undefined ? `${encodeURIComponent(p.user)}@` : '';
  const address = p.port !== undefined ? hostPort(p.host, p.port) : p.host.includes(':') ? `[${p.host}]` : p.host;
  const db = p.db !== undefined ? `/${encodeURIComponent(p.db)}` : '';
  // A user or database needs the scheme to be read as a URI at all.
  return (user || db) && scheme === '' ? `http://${user}${address}${db}` : `${scheme}${user}${address}${db}`;
}

// ---- Helpers ----------------------------------------------------------------------------------------------------------

function parsedOrViolation(text: string): ParsedConnectionUri | undefined {
  const r = parseConnectionUri(text);
  if (isUriViolation(r)) {
    assert.match(r.rule, /^uri\.[a-z]+$/);
    assert.ok(r.message.trim().length > 0, `empty message for ${JSON.stringify(text)}`);
    return undefined;
  }
  assert.ok(Number.isInteger(r.port) && r.port >= 1 && r.port <= 65535, `port ${r.port}`);
  assert.ok(r.host.length > 0);
  assert.equal(r.tls, r.uri.startsWith('https://'));
  assert.equal(r.uri, `${r.tls ? 'https' : 'http'}://${hostPort(r.host, r.port)}`);
  return r;
}

function refused(text: string, rule: string): string {
  const r = parseConnectionUri(text);
  assert.ok(isUriViolation(r), `expected ${JSON.stringify(text)} to be refused (${rule}), got ${JSON.stringify(r)}`);
  assert.equal(r.rule, rule, `${JSON.stringify(text)}: ${r.message}`);
  assert.ok(r.message.trim().length > 0);
  return r.message;
}

function formFor(uri: string, over: Partial<ConnectionFields> = {}): ConnectionFields {
  return { ...emptyFields(), name: 'c', password: 'pw-123456', uri, ...over };
}

function assertMessages(errors: Record<string, string | undefined>): void {
  for (const [field, message] of Object.entries(errors)) {
    assert.ok(message === undefined || message.trim().length > 0, `empty message for ${field}`);
  }
}

// ---- Tests ------------------------------------------------------------------------------------------------------------

describe(`connection input, property-based (${RUNS} runs each)`, () => {
  test('any text: parseConnectionUri and the form model never throw; a parse is well-formed, else a sentence', () => {
    const reached = new Reached();
    fc.assert(
      fc.property(anyInput, (text) => {
        const parsed = parsedOrViolation(text);
        if (parsed && reached.hit('parsed')) {
          // The normalised URI parses to the same address.
          const again = parsedOrViolation(parsed.uri);
          assert.deepEqual(again && [again.host, again.port, again.tls], [parsed.host, parsed.port, parsed.tls]);
        }
        const fields = formFor(text);
        const errors = validateConnection(fields, NO_SECRET);
        assertMessages(errors);
        const violation = parseConnectionUri(text);
        if (text.trim() !== '' && isUriViolation(violation) && reached.hit('refused'))
          assert.equal(errors.uri, violation.message);
        if (fillFromUri(fields, text) === undefined && reached.hit('not filled')) assert.ok(isUriViolation(violation));
      }),
      { numRuns: RUNS },
    );
    for (const what of ['parsed', 'refused', 'not filled']) reached.atLeast(what, SHARE, RUNS);
  });

  test('bad schemes are refused with uri.scheme', () => {
    const scheme = fc
      .tuple(chars(LOWER), word(LOWER + '0123456789+.-', 0, 8))
      .map(([a, b]) => a + b)
      .filter((s) => s !== 'http' && s !== 'https');
    fc.assert(
      fc.property(scheme, host, fc.option(port), (s, h, p) => {
        const message = refused(`${s}://${p === null ? hostPort(h, 19530) : hostPort(h, p)}`, 'uri.scheme');
        assert.ok(message.includes('http://'), message);
      }),
      { numRuns: RUNS },
    );
  });

  test('a missing host is refused with uri.host', () => {
    const reached = new Reached();
    fc.assert(
      fc.property(
        fc.constantFrom('', 'http://', 'https://'),
        fc.constantFrom('', 'alice@'),
        fc.option(port),
        fc.option(validDb),
        (scheme, user, p, db) => {
          const text = `${scheme}${user}${p === null ? '' : `:${p}`}${db === null ? '' : `/${db}`}`;
          if (text === '') return;
          reached.hit('a non-empty address');
          refused(text, 'uri.host');
        },
      ),
      { numRuns: RUNS },
    );
    reached.atLeast('a non-empty address', 0.5, RUNS);
  });

  test('ports 0, above 65535, negative, empty or not a number are refused with uri.port', () => {
    const badPort = fc.oneof(
      fc.constantFrom('0', '00000', '65536', '99999', '100000', '', '-0', '+1', '1.5', '0x10', '1e3', '１２', '٣'),
      fc.integer({ min: 65536, max: 2 ** 31 }).map(String),
      fc.integer({ min: -(2 ** 31), max: -1 }).map(String),
      word(ALNUM + '+.-_', 1, 8).filter((s) => !/^\d+$/.test(s)),
    );
    fc.assert(
      fc.property(fc.constantFrom('', 'http://', 'https://'), host, badPort, (scheme, h, p) => {
        const address = h.includes(':') ? `[${h}]` : h;
        const message = refused(`${scheme}${address}:${p}`, 'uri.port');
        assert.match(message, /1 to 65535/);
      }),
      { numRuns: RUNS },
    );
  });

  test('whitespace inside an address is refused with uri.whitespace', () => {
    const space = fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\r',
      '\v',
      '\f',
      '\u00a0',
      '\u1680',
      '\u2003',
      '\u2028',
      '\u3000',
      '\ufeff',
    );
    fc.assert(
      fc.property(
        validParts.map(format).filter((t) => t.length >= 2),
        space,
        fc.nat(),
        (text, sp, at) => {
          const i = 1 + (at % (text.length - 1));
          refused(text.slice(0, i) + sp + text.slice(i), 'uri.whitespace');
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('a password in the address (https://u:p@h) is refused and never appears in any message', () => {
    const reached = new Reached();
    const secret = word(USERINFO + ':', 6, 24).filter((s) => /[A-Za-z0-9]/.test(s));
    const prefix = fc.constantFrom('', 'http://', 'https://', 'HTTPS://', 'ftp://', 'grpc://');
    const suffix = fc.oneof(
      fc
        .tuple(host, fc.option(port), fc.option(validDb))
        .map(
          ([h, p, db]) =>
            (p === null ? (h.includes(':') ? `[${h}]` : h) : hostPort(h, p)) + (db === null ? '' : `/${db}`),
        ),
      uriSoup,
    );
    fc.assert(
      fc.property(prefix, word(USERINFO, 0, 10), secret, suffix, (pre, user, pw, rest) => {
        const text = `${pre}${user}:${pw}@${rest}`;
        const r = parseConnectionUri(text);
        assert.ok(isUriViolation(r), `accepted an address with a password: ${JSON.stringify(text)}`);
        assert.ok(!r.message.includes(pw), `${r.rule} message shows the password: ${r.message}`);
        if (/^(https?:\/\/)?$/i.test(pre) && !/[\s?#]|:\/\//.test(rest) && reached.hit('a plain address'))
          assert.equal(r.rule, 'uri.password');
        const errors = validateConnection(formFor(text), NO_SECRET);
        assert.ok(errors.uri, 'the form reports the address');
        for (const message of Object.values(errors))
          assert.ok(!message?.includes(pw), `form message shows the password: ${message}`);
        assert.equal(fillFromUri(formFor(text), text), undefined);
      }),
      { numRuns: RUNS },
    );
    reached.atLeast('a plain address', SHARE, RUNS);
  });

  test('database names: checkDatabaseName never throws; the form reports exactly the invalid ones', () => {
    const dbName = fc.oneof(
      validDb,
      fc.tuple(chars(ALNUM + '_'), word(ALNUM + '_', 250, 260)).map(([a, b]) => a + b), // around 255 bytes
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...URI_BITS, 'a', '_', '$', '-'), maxLength: 8 }),
    );
    const reached = new Reached();
    fc.assert(
      fc.property(dbName, (db) => {
        const v = checkDatabaseName(db);
        if (v && reached.hit('refused')) assert.ok(v.rule.startsWith('databaseName.') && v.message.trim().length > 0);
        const errors = validateConnection(formFor('http://localhost:19530', { database: db }), NO_SECRET);
        assertMessages(errors);
        const trimmed = db.trim();
        assert.equal(errors.database, trimmed === '' ? undefined : checkDatabaseName(trimmed)?.message);
      }),
      { numRuns: RUNS },
    );
    reached.atLeast('refused', SHARE, RUNS);
  });

  test('round trip: a valid address parses to its parts, and formatting the parse parses the same again', () => {
    fc.assert(
      fc.property(validParts, (parts) => {
        const text = format(parts);
        const r = parsedOrViolation(text);
        assert.ok(r, `refused ${JSON.stringify(text)}: ${JSON.stringify(parseConnectionUri(text))}`);
        assert.equal(r.host, parts.host);
        assert.equal(r.port, parts.port ?? 19530);
        assert.equal(r.tls, parts.scheme === 'https');
        assert.equal(r.username, parts.user);
        assert.equal(r.database, parts.db);
        const again = parsedOrViolation(
          format({ scheme: r.tls ? 'https' : 'http', host: r.host, port: r.port, user: r.username, db: r.database }),
        );
        assert.deepEqual(again, r);
      }),
      { numRuns: RUNS },
    );
  });

  test('round trip through the form: a pasted valid URI fills the fields, validates, and the host accepts its draft', () => {
    const reached = new Reached();
    fc.assert(
      fc.property(validParts, fc.constantFrom<'off' | 'oneWay'>('off', 'oneWay'), (parts, tls) => {
        const text = format(parts);
        const filled = fillFromUri(formFor(text, { tls }), text);
        assert.ok(filled, `fillFromUri refused ${JSON.stringify(text)}`);
        const errors = validateConnection(filled, NO_SECRET);
        assert.equal(errors.uri, undefined, `uri error for ${JSON.stringify(text)}: ${errors.uri}`);
        const dbOk =
          parts.db === undefined || parts.db.trim() === '' || checkDatabaseName(parts.db.trim()) === undefined;
        assert.equal(errors.database === undefined, dbOk, `database ${JSON.stringify(parts.db)}: ${errors.database}`);
        if (!isValid(errors)) return;
        reached.hit('a valid form');
        const draft = toDraft(filled, NO_SECRET);
        const address = parseConnectionUri(filled.uri);
        assert.ok(!isUriViolation(address));
        assert.equal(draft.profile.uri, address.uri);
        assert.equal(draft.profile.database, parts.db?.trim() || 'default');
        if (parts.user !== undefined) assert.equal(draft.profile.username, parts.user.trim());
        // What the webview sends, the host checks again with the same model: it must pass.
        assert.deepEqual(validateConnection(fieldsFromDraft(draft), NO_SECRET), {});
      }),
      { numRuns: RUNS },
    );
    reached.atLeast('a valid form', SHARE, RUNS);
  });

  const formInput = fc.tuple(
    fc.oneof(uriSoup, validParts.map(format)),
    fc.oneof(validDb, fc.constant(''), uriSoup),
    fc.constantFrom<'off' | 'oneWay'>('off', 'oneWay'),
  );

  /** Whether the host (connectionForm.ts) accepts the draft the webview sends for these fields, else why not. */
  function hostRefusal(fields: ConnectionFields): string | undefined {
    const hostErrors = validateConnection(fieldsFromDraft(toDraft(fields, NO_SECRET)), NO_SECRET);
    return isValid(hostErrors) ? undefined : JSON.stringify(hostErrors);
  }

  test('a form the webview accepts after applying the URI (its change/paste handler) makes a draft the host accepts', () => {
    const reached = new Reached();
    fc.assert(
      fc.property(formInput, ([uri, database, tls]) => {
        const typed = formFor(uri, { database, tls });
        const fields = fillFromUri(typed, uri) ?? typed;
        if (!isValid(validateConnection(fields, NO_SECRET))) return;
        reached.hit('accepted by the form');
        const refusal = hostRefusal(fields);
        assert.equal(
          refusal,
          undefined,
          `form accepted ${JSON.stringify({ uri, database, tls })}, host refuses: ${refusal}`,
        );
      }),
      { numRuns: RUNS },
    );
    reached.atLeast('accepted by the form', SHARE, RUNS);
  });

  // Found by this suite, left for the webview owner: validateConnection does not look at the database or user carried
  // in the URI (http://h/bad$db, http://%20@h), but toDraft copies them into the draft, so when the URI field's change
  // event has not run, Save sends a draft the host refuses with "Some fields are not valid".
  test('a form the webview accepts as typed (no URI change event yet) makes a draft the host accepts', () => {
    const reached = new Reached();
    fc.assert(
      fc.property(formInput, ([uri, database, tls]) => {
        const fields = formFor(uri, { database, tls });
        if (!isValid(validateConnection(fields, NO_SECRET))) return;
        reached.hit('accepted by the form');
        const refusal = hostRefusal(fields);
        assert.equal(
          refusal,
          undefined,
          `form accepted ${JSON.stringify({ uri, database, tls })}, host refuses: ${refusal}`,
        );
      }),
      { numRuns: RUNS },
    );
    reached.atLeast('accepted by the form', SHARE, RUNS);
  });
});
