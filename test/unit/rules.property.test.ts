// Property-based bad-input tests (issue 6): the rules agree with oracles written here, independently, from the server
// docs/milvus-behaviour.md §3.1 (Milvus internal/proxy/util.go), over random unicode, control characters, whitespace,
// very long and empty strings.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  type RuleProfileId,
  type RuleViolation,
  checkUsername,
  checkPassword,
  checkRoleName,
  checkPrivilegeGroupName,
  checkDatabaseName,
  normalizeName,
} from '../../src/core/rules/checks';
import { RULE_PROFILE_IDS } from '../../src/core/rules/profiles';
import { assertReadableViolation } from './ruleAsserts';
import { Reached } from './propertyRuns';

const RUNS = 10_000;
/** The least share of runs that must reach each conditional assertion (about a third of what the generators give). */
const SHARE = { validName: 0.02, badChar: 0.2, validPassword: 0.05, refusedPassword: 0.1 };

// ---- Oracles (doc §3.1) -------------------------------------------------------------------------------------------

// Go strings.TrimSpace uses unicode.IsSpace: \t \n \v \f \r space U+0085 U+00A0 and the Unicode White_Space spaces.
const GO_WHITESPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM = new RegExp(`^[${GO_WHITESPACE}]+|[${GO_WHITESPACE}]+$`, 'g');
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function oracleUsername(s: string, profile: RuleProfileId): string | undefined {
  const t = s.replace(TRIM, '');
  if (t.length === 0) return 'username.empty';
  if (bytes(t) > 32) return 'username.tooLong';
  if (!/^[A-Za-z]/.test(t)) return 'username.firstChar';
  const shape = profile === 'milvus-2.6' ? /^[A-Za-z][A-Za-z0-9_.-]*$/ : /^[A-Za-z][A-Za-z0-9_]*$/;
  return shape.test(t) ? undefined : 'username.invalidChar';
}

function oracleRoleName(s: string): string | undefined {
  const t = s.replace(TRIM, '');
  if (t.length === 0) return 'roleName.empty';
  if (bytes(t) > 255) return 'roleName.tooLong';
  if (!/^[A-Za-z_]/.test(t)) return 'roleName.firstChar';
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(t) ? undefined : 'roleName.invalidChar';
}

function oracleUntrimmedName(prefix: string, s: string): string | undefined {
  if (s.length === 0) return `${prefix}.empty`;
  if (bytes(s) > 255) return `${prefix}.tooLong`;
  if (!/^[A-Za-z_]/.test(s)) return `${prefix}.firstChar`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? undefined : `${prefix}.invalidChar`;
}

function oraclePasswordOk(s: string, profile: RuleProfileId): boolean {
  const n = bytes(s);
  switch (profile) {
    case 'milvus-2.4':
      return n >= 6 && n <= 256;
    case 'milvus-2.5':
    case 'milvus-2.6':
      return n >= 6 && n <= 72;
    case 'zilliz-cloud': {
      const chars = [...s].length;
      const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[!-/:-@[-`{-~]/].filter((re) => re.test(s)).length;
      return chars >= 8 && chars <= 64 && n <= 72 && classes >= 3;
    }
  }
}

// ---- Arbitraries --------------------------------------------------------------------------------------------------

const TRICKY = [
  'a',
  'Z',
  'm',
  'q',
  '0',
  '9',
  '_',
  '-',
  '.',
  '$',
  '*',
  ':',
  '@',
  '/',
  '"',
  '\\',
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  'é',
  'ß',
  'Ω',
  '中',
  '😀',
  '👩‍👩‍👧',
  'Ａ',
  'ａ',
  '１',
  '\u0301',
  '\ud800',
  '\udfff',
];
const NAME_CHARS = [...'abcxyzABCXYZ0189_-.$'];
const SPACES = ['', '', '', ' ', '  ', '\t', '\n', '\u3000', '\u0085', '\u00a0', '\ufeff'];

const tricky = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...TRICKY), minLength, maxLength });

/** Almost-valid names around the length limits, with stray spaces and characters at the edges. */
const nearValid = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(...SPACES),
      fc.constantFrom('a', 'B', '_', '1', '-', '.', '$', 'é'),
      fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength, maxLength }),
      fc.constantFrom('', '', '', 'é', '😀', '中', '-', '$', ' x'),
      fc.constantFrom(...SPACES),
    )
    .map((parts) => parts.join(''));

/** Mostly-valid names: a letter, then allowed characters, padded with whitespace Go trims. */
const validish = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('', '', ' ', '\t', '\u3000', '\u0085'),
      fc.constantFrom('a', 'Q', '_'),
      fc.string({ unit: fc.constantFrom(...'azAZ09_.-'), minLength, maxLength }),
      fc.constantFrom('', '', ' ', '\n', '\u00a0'),
    )
    .map((parts) => parts.join(''));

const anyText = (boundaryMin: number, boundaryMax: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: validish(0, 30) },
    { weight: 2, arbitrary: validish(boundaryMin, boundaryMax) },
    { weight: 4, arbitrary: nearValid(0, 40) },
    { weight: 3, arbitrary: nearValid(boundaryMin, boundaryMax) },
    { weight: 3, arbitrary: tricky(0, 40) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 200, maxLength: 1000 }) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '\u3000', '\u0085', '\ufeff') },
  );

const PASSWORD_CHARS = [...'aZ9!# ~é中😀\u0000\t', '\ud800'];
const passwords: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...PASSWORD_CHARS), maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...PASSWORD_CHARS), minLength: 55, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...PASSWORD_CHARS), minLength: 240, maxLength: 270 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 4, maxLength: 70 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 250, maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constant('') },
);

// ---- Helpers ------------------------------------------------------------------------------------------------------

function assertWellFormed(v: RuleViolation | undefined): void {
  if (v !== undefined) assertReadableViolation(v);
}

// ---- Properties ---------------------------------------------------------------------------------------------------

describe('rules property: usernames agree with the doc oracle', () => {
  for (const profile of RULE_PROFILE_IDS) {
    test(`${profile}: ${RUNS.toLocaleString('en')} random strings`, () => {
      const reached = new Reached();
      fc.assert(
        fc.property(anyText(25, 36), (s) => {
          const v = checkUsername(s, profile);
          assert.equal(v?.rule, oracleUsername(s, profile), JSON.stringify(s));
          assertWellFormed(v);
          if (v === undefined) reached.hit('a valid name');
          if ((v?.rule === 'username.invalidChar' || v?.rule === 'username.firstChar') && reached.hit('byteIndex')) {
            // byteIndex points at the offending character in the trimmed name, like the server's byte loop.
            const t = Buffer.from(s.replace(TRIM, ''), 'utf8');
            const c = Buffer.from(v.detail?.char ?? '', 'utf8');
            assert.ok(t.subarray(v.detail?.byteIndex).subarray(0, c.length).equals(c));
          }
        }),
        { numRuns: RUNS },
      );
      reached.atLeast('a valid name', SHARE.validName, RUNS);
      reached.atLeast('byteIndex', SHARE.badChar, RUNS);
    });
  }

  test('a valid name stays valid (with the same text) after normalizeName, which leaves no surrounding space', () => {
    const reached = new Reached();
    fc.assert(
      fc.property(anyText(25, 36), fc.constantFrom(...RULE_PROFILE_IDS), (s, profile) => {
        const n = normalizeName(s);
        assert.equal(checkUsername(n, profile)?.rule, checkUsername(s, profile)?.rule);
        if (checkUsername(s, profile) === undefined && reached.hit('valid'))
          assert.match(n, /^[A-Za-z][A-Za-z0-9_.-]*$/);
      }),
      { numRuns: RUNS },
    );
    reached.atLeast('valid', SHARE.validName, RUNS);
  });

  test('2.6 accepts every username that 2.4/2.5/Zilliz accept', () => {
    const reached = new Reached();
    fc.assert(
      fc.property(anyText(25, 36), (s) => {
        if (checkUsername(s, 'milvus-2.5') === undefined && reached.hit('valid in 2.5'))
          assert.equal(checkUsername(s, 'milvus-2.6'), undefined);
        assert.deepEqual(checkUsername(s, 'milvus-2.4'), checkUsername(s, 'milvus-2.5'));
        assert.deepEqual(checkUsername(s, 'zilliz-cloud'), checkUsername(s, 'milvus-2.5'));
      }),
      { numRuns: RUNS },
    );
    reached.atLeast('valid in 2.5', SHARE.validName, RUNS);
  });
});

describe('rules property: role, privilege-group and database names', () => {
  test(`role names: ${RUNS.toLocaleString('en')} random strings, every profile`, () => {
    fc.assert(
      fc.property(anyText(245, 262), fc.constantFrom(...RULE_PROFILE_IDS), (s, profile) => {
        const v = checkRoleName(s, profile);
        assert.equal(v?.rule, oracleRoleName(s), JSON.stringify(s));
        assertWellFormed(v);
      }),
      { numRuns: RUNS },
    );
  });

  test(`privilege-group names: ${RUNS.toLocaleString('en')} random strings, every profile`, () => {
    fc.assert(
      fc.property(anyText(245, 262), fc.constantFrom(...RULE_PROFILE_IDS), (s, profile) => {
        const v = checkPrivilegeGroupName(s, profile);
        assert.equal(v?.rule, oracleUntrimmedName('privilegeGroupName', s), JSON.stringify(s));
        assertWellFormed(v);
      }),
      { numRuns: RUNS },
    );
  });

  test(`database names: ${RUNS.toLocaleString('en')} random strings`, () => {
    fc.assert(
      fc.property(anyText(245, 262), (s) => {
        const v = checkDatabaseName(s);
        assert.equal(v?.rule, oracleUntrimmedName('databaseName', s), JSON.stringify(s));
        assertWellFormed(v);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('rules property: passwords agree with the doc oracle', () => {
  for (const profile of RULE_PROFILE_IDS) {
    test(`${profile}: ${RUNS.toLocaleString('en')} random passwords`, () => {
      const reached = new Reached();
      fc.assert(
        fc.property(passwords, (s) => {
          const v = checkPassword(s, profile);
          assert.equal(v === undefined, oraclePasswordOk(s, profile), JSON.stringify(s));
          assertWellFormed(v);
          // A marker no message template holds: a message that contains the marked password echoed the input.
          const marked = `\u2603${s}`;
          const mv = checkPassword(marked, profile);
          if (v === undefined) reached.hit('a valid password');
          if (mv && reached.hit('refused'))
            assert.ok(!mv.message.includes(marked), 'a message never contains the password');
        }),
        { numRuns: RUNS },
      );
      reached.atLeast('a valid password', SHARE.validPassword, RUNS);
      reached.atLeast('refused', SHARE.refusedPassword, RUNS);
    });
  }
});

describe('rules property: robustness', () => {
  test('no rule throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 2000 }),
        fc.constantFrom(...RULE_PROFILE_IDS),
        (s, profile) => {
          for (const v of [
            checkUsername(s, profile),
            checkPassword(s, profile),
            checkRoleName(s, profile),
            checkPrivilegeGroupName(s, profile),
            checkDatabaseName(s),
          ]) {
            assertWellFormed(v);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
