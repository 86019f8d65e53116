import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  type RuleProfileId,
  type RuleViolation,
  checkUsername,
  checkPassword,
  checkRoleName,
  checkPrivilegeGroupName,
  checkDatabaseName,
  checkPasswordConfirmation,
  checkDescription,
  describeChar,
  goTrimSpace,
  isRuleViolation,
  normalizeName,
  utf8ByteLength,
} from '../../src/core/rules/checks';
import { RULE_PROFILES, RULE_PROFILE_IDS, profileFromVersion } from '../../src/core/rules/profiles';
import { GENERATED_PASSWORD_LENGTH, generatePassword, uniformIntSource } from '../../src/core/rules/passwordGenerator';
import { passwordStrength } from '../../src/core/rules/passwordStrength';
import { assertReadableViolation } from './ruleAsserts';
import { Reached } from './propertyRuns';

const MILVUS: RuleProfileId[] = ['milvus-2.4', 'milvus-2.5', 'milvus-2.6'];
const ALL = RULE_PROFILE_IDS;
const ASCII_PRINTABLE_AND_CONTROL = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

function ruleOf(v: RuleViolation | undefined): string | undefined {
  return v?.rule;
}

/** Deterministic byte source for property tests (mulberry32). */
function seededBytes(seed: number): (n: number) => Uint8Array {
  let a = seed >>> 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    }
    return out;
  };
}

describe('rules: helpers', () => {
  test('utf8ByteLength counts UTF-8 bytes', () => {
    assert.equal(utf8ByteLength(''), 0);
    assert.equal(utf8ByteLength('abc'), 3);
    assert.equal(utf8ByteLength('é'), 2);
    assert.equal(utf8ByteLength('中'), 3);
    assert.equal(utf8ByteLength('😀'), 4);
    assert.equal(utf8ByteLength('Ａ'), 3);
    assert.equal(utf8ByteLength('\ud800'), 3, 'lone surrogate is sent as U+FFFD');
  });

  test("goTrimSpace follows Go's unicode.IsSpace, not JS trim()", () => {
    assert.equal(goTrimSpace('  bob\t\n'), 'bob');
    assert.equal(goTrimSpace('\u0085bob\u0085'), 'bob', 'NEL is space in Go');
    assert.equal(goTrimSpace('\u00a0\u3000\u2003bob\u2028'), 'bob');
    assert.equal(goTrimSpace('\ufeffbob'), '\ufeffbob', 'BOM is not space in Go');
    assert.equal(goTrimSpace('\u200bbob'), '\u200bbob', 'zero-width space is not space in Go');
    assert.equal(goTrimSpace('b o b'), 'b o b');
    assert.equal(normalizeName(' r1 '), 'r1');
  });

  test('describeChar makes invisible characters visible', () => {
    assert.equal(describeChar(' '), 'a space');
    assert.equal(describeChar('\t'), 'a tab');
    assert.equal(describeChar('\n'), 'a line break');
    assert.equal(describeChar('\u0007'), 'the control character U+0007');
    assert.equal(describeChar('\u007f'), 'the control character U+007F');
    assert.equal(describeChar('\u0085'), 'the control character U+0085');
    assert.equal(describeChar('\u00a0'), 'an invisible space U+00A0');
    assert.equal(describeChar('\ufeff'), 'an invisible space U+FEFF');
    assert.equal(describeChar('\ud800'), 'an unpaired surrogate U+D800');
    assert.equal(describeChar('é'), '“é”');
    assert.equal(describeChar('😀'), '“😀”');
  });

  test('isRuleViolation', () => {
    assert.equal(isRuleViolation({ rule: 'x', message: 'y' }), true);
    assert.equal(isRuleViolation(checkUsername('', 'milvus-2.6')), true);
    assert.equal(isRuleViolation(undefined), false);
    assert.equal(isRuleViolation({ rule: 'x' }), false);
    assert.equal(isRuleViolation('x'), false);
  });
});

describe('rules: profiles', () => {
  test('RULE_PROFILES has every id, with labels for a QuickPick', () => {
    assert.deepEqual([...RULE_PROFILE_IDS].sort(), Object.keys(RULE_PROFILES).sort());
    const labels = new Set<string>();
    for (const id of RULE_PROFILE_IDS) {
      const p = RULE_PROFILES[id];
      assert.equal(p.id, id);
      assert.ok(p.label.length > 0 && p.description.length > 0);
      labels.add(p.label);
      assert.ok(p.passwordMinBytes >= 6 && p.passwordMinBytes < p.passwordMaxBytes);
    }
    assert.equal(labels.size, RULE_PROFILE_IDS.length, 'labels are distinct');
  });

  const cases: [string | undefined, RuleProfileId][] = [
    ['v2.4.x', 'milvus-2.4'],
    ['v2.4.17', 'milvus-2.4'],
    ['2.4', 'milvus-2.4'],
    ['v2.3.21', 'milvus-2.4'],
    ['v2.2.8', 'milvus-2.4'],
    ['1.1.0', 'milvus-2.4'],
    ['2.5.3', 'milvus-2.5'],
    ['v2.5.0', 'milvus-2.5'],
    ['v2.5.27', 'milvus-2.5'],
    ['v2.6.0', 'milvus-2.6'],
    ['v2.6.19', 'milvus-2.6'],
    ['v2.6.0-rc1', 'milvus-2.6'],
    ['2.10.1', 'milvus-2.6'],
    ['3.0.0', 'milvus-2.6'],
    ['v3.0.3', 'milvus-2.6'],
    ['Milvus 2.5.4', 'milvus-2.5'],
    [' v2.5.4 ', 'milvus-2.5'],
    [undefined, 'milvus-2.6'],
    ['', 'milvus-2.6'],
    ['garbage', 'milvus-2.6'],
    ['v', 'milvus-2.6'],
    ['2', 'milvus-2.6'],
    ['x2.4.1', 'milvus-2.6'],
    ['24', 'milvus-2.6'],
    ['2.45.1', 'milvus-2.6'],
  ];
  for (const [version, expected] of cases) {
    test(`profileFromVersion(${JSON.stringify(version)}) = ${expected}`, () => {
      assert.equal(profileFromVersion(version), expected);
    });
  }
});

describe('rules: checkUsername', () => {
  test('empty and whitespace-only are empty (the server trims first)', () => {
    for (const p of ALL) {
      for (const s of ['', ' ', '   ', '\t', '\n\r', '\u3000', '\u0085', '\u00a0 ']) {
        const v = checkUsername(s, p);
        assert.equal(ruleOf(v), 'username.empty', JSON.stringify(s));
        assertReadableViolation(v);
      }
    }
  });

  test('surrounding Go whitespace is trimmed; BOM and zero-width space are not', () => {
    for (const p of ALL) {
      assert.equal(checkUsername(' bob ', p), undefined);
      assert.equal(checkUsername('\tbob\n', p), undefined);
      assert.equal(checkUsername('\u0085bob\u3000', p), undefined);
      assert.equal(ruleOf(checkUsername('\ufeffbob', p)), 'username.firstChar');
      assert.equal(ruleOf(checkUsername('bob\u200b', p)), 'username.invalidChar');
      assert.equal(ruleOf(checkUsername('bo b', p)), 'username.invalidChar');
    }
  });

  test('length: 32 bytes pass, 33 fail, measured after trimming', () => {
    for (const p of ALL) {
      assert.equal(checkUsername('a'.repeat(32), p), undefined);
      assert.equal(checkUsername(`  ${'a'.repeat(32)}  `, p), undefined);
      const v = checkUsername('a'.repeat(33), p);
      assert.equal(ruleOf(v), 'username.tooLong');
      assert.deepEqual(v?.detail, { length: 33, limit: 32 });
      assertReadableViolation(v);
      assert.match(v?.message ?? '', /at most 32 bytes; this one is 33\b/);
    }
  });

  test('length is in bytes: non-ASCII counts 2–4 bytes', () => {
    for (const p of ALL) {
      // 31 + 2 = 33 bytes but only 32 characters: too long.
      const v = checkUsername(`${'a'.repeat(31)}é`, p);
      assert.equal(ruleOf(v), 'username.tooLong');
      assert.match(
        v?.message ?? '',
        /at most 32 bytes; this one is 33 \(non-ASCII characters count as 2–4 bytes each\)/,
      );
      // 30 + 2 = 32 bytes: not too long, but é is not allowed.
      assert.equal(ruleOf(checkUsername(`${'a'.repeat(30)}é`, p)), 'username.invalidChar');
      assert.equal(ruleOf(checkUsername(`${'a'.repeat(29)}😀`, p)), 'username.tooLong');
      assert.equal(ruleOf(checkUsername(`${'a'.repeat(28)}😀`, p)), 'username.invalidChar');
      assert.equal(ruleOf(checkUsername(`${'a'.repeat(30)}中`, p)), 'username.tooLong');
      assert.equal(ruleOf(checkUsername(`${'a'.repeat(29)}中`, p)), 'username.invalidChar');
      assert.equal(ruleOf(checkUsername('ä'.repeat(16), p)), 'username.firstChar');
      assert.equal(ruleOf(checkUsername('ä'.repeat(17), p)), 'username.tooLong');
      assert.equal(checkUsername('ä'.repeat(17), p)?.detail?.length, 34);
    }
  });

  test('first character must be an ASCII letter', () => {
    for (const p of ALL) {
      for (const ok of ['a', 'z', 'A', 'Z', 'm1', 'Q_']) assert.equal(checkUsername(ok, p), undefined, ok);
      for (const bad of [
        '1a',
        '0',
        '_a',
        '-a',
        '.a',
        '$a',
        '@a',
        'éa',
        'Ａa',
        'ａa',
        '😀a',
        '\u0000a',
        '\u0007a',
        '\u007fa',
      ]) {
        const v = checkUsername(bad, p);
        assert.equal(ruleOf(v), 'username.firstChar', JSON.stringify(bad));
        assertReadableViolation(v);
        assert.equal(v?.detail?.byteIndex, 0);
      }
    }
    assert.equal(
      checkUsername('1bob', 'milvus-2.6')?.message,
      'A username must start with an ASCII letter (a–z, A–Z), not “1”.',
    );
  });

  test('every ASCII character after the first, per profile', () => {
    for (const p of ALL) {
      const extra = p === 'milvus-2.6' ? '-.' : '';
      for (const c of ASCII_PRINTABLE_AND_CONTROL) {
        const allowed = /[A-Za-z0-9_]/.test(c) || extra.includes(c);
        const trimmedAway = /[\t\n\v\f\r ]/.test(c); // at the end it is trimmed: test in the middle too
        const atEnd = checkUsername(`a${c}`, p);
        const inMiddle = checkUsername(`a${c}b`, p);
        if (allowed) {
          assert.equal(atEnd, undefined, `${p} ${JSON.stringify(c)}`);
          assert.equal(inMiddle, undefined, `${p} ${JSON.stringify(c)}`);
        } else {
          assert.equal(ruleOf(inMiddle), 'username.invalidChar', `${p} ${JSON.stringify(c)}`);
          assert.equal(inMiddle?.detail?.char, c);
          assert.equal(inMiddle?.detail?.byteIndex, 1);
          assertReadableViolation(inMiddle);
          if (trimmedAway) assert.equal(atEnd, undefined, `${p} trailing ${JSON.stringify(c)} is trimmed`);
          else assert.equal(ruleOf(atEnd), 'username.invalidChar', `${p} ${JSON.stringify(c)}`);
        }
      }
    }
  });

  test('hyphen and dot only from 2.6.0', () => {
    assert.equal(checkUsername('john.doe-1', 'milvus-2.6'), undefined);
    for (const p of ['milvus-2.4', 'milvus-2.5', 'zilliz-cloud'] as const) {
      assert.equal(ruleOf(checkUsername('john.doe', p)), 'username.invalidChar');
      assert.equal(ruleOf(checkUsername('john-doe', p)), 'username.invalidChar');
    }
    assert.match(
      checkUsername('a b', 'milvus-2.6')?.message ?? '',
      /letters, digits, underscores \(_\), hyphens \(-\) and dots \(\.\)/,
    );
    assert.match(
      checkUsername('a b', 'milvus-2.5')?.message ?? '',
      /ASCII letters, digits and underscores \(_\); remove a space/,
    );
  });

  test('forbidden non-ASCII and invisible characters', () => {
    const bad = [
      '\u0000',
      '\u001b',
      '\u0085',
      '\u00a0',
      '\u200b',
      '\ufeff',
      '😀',
      'Ａ',
      'ａ',
      '１',
      'é',
      'ß',
      'ı',
      'Ω',
      '中',
      '\u0301',
      '\ud800',
    ];
    for (const p of ALL) {
      for (const c of bad) {
        const v = checkUsername(`ab${c}cd`, p);
        assert.equal(ruleOf(v), 'username.invalidChar', `${p} ${JSON.stringify(c)}`);
        assert.equal(v?.detail?.char, c);
        assert.equal(v?.detail?.byteIndex, 2);
        assert.ok(v?.message.includes('character 3 of the username'), v?.message);
      }
    }
  });

  test('position in the message counts from what the person typed', () => {
    const v = checkUsername('  bo b', 'milvus-2.6');
    assert.ok(v?.message.includes('remove a space (character 5 of the username)'), v?.message);
    assert.equal(v?.detail?.byteIndex, 2, 'byte index is in the trimmed name, like the server');
  });
});

describe('rules: checkPassword', () => {
  test('Milvus: 6 bytes minimum, never trimmed', () => {
    for (const p of MILVUS) {
      assert.equal(checkPassword('abcdef', p), undefined);
      assert.equal(checkPassword('      ', p), undefined, 'six spaces are a valid Milvus password');
      assert.equal(checkPassword(' abcde', p), undefined);
      for (const s of ['', 'a', 'abcde', ' abcd']) {
        const v = checkPassword(s, p);
        assert.equal(ruleOf(v), 'password.tooShort', JSON.stringify(s));
        assertReadableViolation(v);
      }
      assert.equal(checkPassword('ééé', p), undefined, '3 characters but 6 bytes');
      assert.equal(ruleOf(checkPassword('éé', p)), 'password.tooShort');
      assert.equal(checkPassword('éé a', p), undefined, '6 bytes');
      assert.equal(checkPassword('😀a', p)?.detail?.length, 5);
      assert.equal(checkPassword('😀ab', p), undefined);
    }
  });

  test('Milvus 2.5/2.6: at most 72 bytes', () => {
    for (const p of ['milvus-2.5', 'milvus-2.6'] as const) {
      assert.equal(checkPassword('a'.repeat(72), p), undefined);
      const v = checkPassword('a'.repeat(73), p);
      assert.equal(ruleOf(v), 'password.tooLong');
      assert.deepEqual(v?.detail, { length: 73, limit: 72 });
      assertReadableViolation(v);
      assert.equal(checkPassword('é'.repeat(36), p), undefined);
      assert.equal(ruleOf(checkPassword(`${'é'.repeat(36)}a`, p)), 'password.tooLong');
      assert.equal(checkPassword('😀'.repeat(18), p), undefined);
      const emoji = checkPassword(`${'😀'.repeat(18)}!`, p);
      assert.equal(ruleOf(emoji), 'password.tooLong');
      assert.match(emoji?.message ?? '', /at most 72 bytes \(the bcrypt limit\); this one is 73 \(non-ASCII/);
    }
  });

  test('Milvus 2.4 and earlier: at most 256 bytes', () => {
    assert.equal(checkPassword('a'.repeat(256), 'milvus-2.4'), undefined);
    assert.equal(checkPassword('a'.repeat(73), 'milvus-2.4'), undefined);
    assert.equal(ruleOf(checkPassword('a'.repeat(257), 'milvus-2.4')), 'password.tooLong');
    assert.equal(checkPassword('中'.repeat(85), 'milvus-2.4'), undefined); // 255 bytes
    assert.equal(ruleOf(checkPassword('中'.repeat(86), 'milvus-2.4')), 'password.tooLong');
  });

  test('Milvus: any characters, no composition rule', () => {
    for (const p of MILVUS) {
      for (const s of [
        'aaaaaa',
        '123456',
        '\u0000\u0001\u0002\u0003\u0004\u0005',
        'pass word',
        '\t\t\t\t\t\t',
        'Ａｂｃ',
      ]) {
        assert.equal(checkPassword(s, p), undefined, JSON.stringify(s));
      }
    }
  });

  test('Zilliz Cloud: 8–64 characters (code points)', () => {
    const z = 'zilliz-cloud';
    assert.equal(checkPassword('Abcdef1!', z), undefined);
    const short = checkPassword('Abcde1!', z);
    assert.equal(ruleOf(short), 'password.tooShort');
    assert.deepEqual(short?.detail, { length: 7, limit: 8 });
    assertReadableViolation(short);
    assert.equal(checkPassword(`Aa1${'b'.repeat(61)}`, z), undefined);
    const long = checkPassword(`Aa1${'b'.repeat(62)}`, z);
    assert.equal(ruleOf(long), 'password.tooLong');
    assert.match(long?.message ?? '', /at most 64 characters; this one has 65/);
    assert.equal(checkPassword('Aa1!😀😀😀😀', z), undefined, 'an emoji counts as one character');
    assert.equal(ruleOf(checkPassword('Aa1😀😀😀😀', z)), 'password.tooShort');
    // 64 characters but 125 bytes: Milvus underneath still caps at 72 bytes.
    assert.equal(ruleOf(checkPassword(`Aa1${'é'.repeat(61)}`, z)), 'password.tooLong');
  });

  test('Zilliz Cloud: three of upper, lower, digit, special', () => {
    const z = 'zilliz-cloud';
    for (const ok of ['abcdef1A', 'abcdef1!', 'ABCDEF1!', 'abcdefA!', 'Aa1!Aa1!', 'aB3$ ~xyz']) {
      assert.equal(checkPassword(ok, z), undefined, ok);
    }
    for (const [bad, has] of [
      ['abcdefgh', 'only lowercase letters'],
      ['ABCDEFGH', 'only uppercase letters'],
      ['12345678', 'only digits'],
      ['!@#$%^&*', 'only special characters'],
      ['abcdefg1', 'only lowercase letters and digits'],
      ['abcdefg!', 'only lowercase letters and special characters'],
      ['éééééééé', 'none of them'],
      ['        ', 'none of them'],
    ] as const) {
      const v = checkPassword(bad, z);
      assert.equal(ruleOf(v), 'password.tooFewClasses', bad);
      assertReadableViolation(v);
      assert.ok(v?.message.includes(`this one has ${has}.`), v?.message);
    }
  });

  test('checkPasswordConfirmation', () => {
    assert.equal(checkPasswordConfirmation('abcdef', 'abcdef'), undefined);
    const v = checkPasswordConfirmation('abcdef', 'abcdeg');
    assert.equal(ruleOf(v), 'password.mismatch');
    assertReadableViolation(v);
    assert.ok(!v?.message.includes('abcde'), 'never echoes the password');
  });

  test('no password message contains the password', () => {
    for (const p of ALL) {
      for (const s of ['secretX', 'sec', 'x'.repeat(300), 'lowercaseonly']) {
        const v = checkPassword(s, p);
        if (v) assert.ok(!v.message.includes(s), v.message);
      }
    }
  });
});

describe('rules: checkRoleName', () => {
  test('empty, whitespace and trimming', () => {
    for (const p of ALL) {
      assert.equal(ruleOf(checkRoleName('', p)), 'roleName.empty');
      assert.equal(ruleOf(checkRoleName('  \t', p)), 'roleName.empty');
      assertReadableViolation(checkRoleName('', p));
      assert.equal(checkRoleName(' reader ', p), undefined);
    }
  });

  test('length: 255 bytes pass, 256 fail, non-ASCII counts bytes', () => {
    for (const p of ALL) {
      assert.equal(checkRoleName('r'.repeat(255), p), undefined);
      const v = checkRoleName('r'.repeat(256), p);
      assert.equal(ruleOf(v), 'roleName.tooLong');
      assert.deepEqual(v?.detail, { length: 256, limit: 255 });
      assertReadableViolation(v);
      assert.equal(ruleOf(checkRoleName(`_${'é'.repeat(127)}`, p)), 'roleName.invalidChar'); // 255 bytes
      assert.equal(ruleOf(checkRoleName(`_${'é'.repeat(128)}`, p)), 'roleName.tooLong'); // 257 bytes
      assert.equal(ruleOf(checkRoleName(`${'r'.repeat(252)}😀`, p)), 'roleName.tooLong'); // 256 bytes
    }
  });

  test('first character: underscore or ASCII letter', () => {
    for (const p of ALL) {
      for (const ok of ['_', '_r', 'a', 'Z', '__$']) assert.equal(checkRoleName(ok, p), undefined, ok);
      for (const bad of ['1r', '$r', '-r', '.r', 'ér', 'Ｒr', '😀r', '\u0000r']) {
        const v = checkRoleName(bad, p);
        assert.equal(ruleOf(v), 'roleName.firstChar', JSON.stringify(bad));
        assertReadableViolation(v);
      }
    }
  });

  test('every ASCII character after the first: letters, digits, _ and $', () => {
    for (const p of ALL) {
      for (const c of ASCII_PRINTABLE_AND_CONTROL) {
        const allowed = /[A-Za-z0-9_$]/.test(c);
        const v = checkRoleName(`r${c}x`, p);
        if (allowed) assert.equal(v, undefined, JSON.stringify(c));
        else {
          assert.equal(ruleOf(v), 'roleName.invalidChar', JSON.stringify(c));
          assertReadableViolation(v);
        }
      }
      for (const c of ['é', '😀', 'Ａ', '\u00a0', '\u200b'])
        assert.equal(ruleOf(checkRoleName(`r${c}x`, p)), 'roleName.invalidChar');
    }
    assert.match(
      checkRoleName('r-x', 'milvus-2.6')?.message ?? '',
      /underscores \(_\) and dollar signs \(\$\); remove “-”/,
    );
  });
});

describe('rules: checkPrivilegeGroupName', () => {
  test('like role names but without $ and without trimming', () => {
    for (const p of ALL) {
      assert.equal(checkPrivilegeGroupName('readers_1', p), undefined);
      assert.equal(checkPrivilegeGroupName('_g', p), undefined);
      assert.equal(ruleOf(checkPrivilegeGroupName('', p)), 'privilegeGroupName.empty');
      assertReadableViolation(checkPrivilegeGroupName('', p));
      assert.equal(ruleOf(checkPrivilegeGroupName(' ', p)), 'privilegeGroupName.firstChar');
      assert.equal(ruleOf(checkPrivilegeGroupName(' g', p)), 'privilegeGroupName.firstChar');
      assert.equal(ruleOf(checkPrivilegeGroupName('g ', p)), 'privilegeGroupName.invalidChar');
      assert.equal(ruleOf(checkPrivilegeGroupName('g$', p)), 'privilegeGroupName.invalidChar');
      assert.equal(ruleOf(checkPrivilegeGroupName('1g', p)), 'privilegeGroupName.firstChar');
      assert.equal(checkPrivilegeGroupName('g'.repeat(255), p), undefined);
      assert.equal(ruleOf(checkPrivilegeGroupName('g'.repeat(256), p)), 'privilegeGroupName.tooLong');
      assert.equal(ruleOf(checkPrivilegeGroupName(`g${'中'.repeat(85)}`, p)), 'privilegeGroupName.tooLong'); // 256 bytes
      for (const c of ASCII_PRINTABLE_AND_CONTROL) {
        const allowed = /[A-Za-z0-9_]/.test(c);
        const v = checkPrivilegeGroupName(`g${c}`, p);
        assert.equal(ruleOf(v), allowed ? undefined : 'privilegeGroupName.invalidChar', JSON.stringify(c));
      }
    }
  });
});

describe('rules: checkDatabaseName', () => {
  test('database names', () => {
    for (const ok of ['default', '_db', 'db_1', 'D', 'd'.repeat(255)])
      assert.equal(checkDatabaseName(ok), undefined, ok);
    const cases: [string, string][] = [
      ['', 'databaseName.empty'],
      [' db', 'databaseName.firstChar'],
      ['db ', 'databaseName.invalidChar'],
      ['1db', 'databaseName.firstChar'],
      ['db-1', 'databaseName.invalidChar'],
      ['db$', 'databaseName.invalidChar'],
      ['db.x', 'databaseName.invalidChar'],
      ['dbé', 'databaseName.invalidChar'],
      ['*', 'databaseName.firstChar'],
      ['d'.repeat(256), 'databaseName.tooLong'],
      [`d${'é'.repeat(128)}`, 'databaseName.tooLong'],
    ];
    for (const [name, rule] of cases) {
      const v = checkDatabaseName(name);
      assert.equal(ruleOf(v), rule, JSON.stringify(name));
      assertReadableViolation(v);
    }
  });
});

describe('rules: checkDescription', () => {
  test('at most 1024 bytes', () => {
    assert.equal(checkDescription('', 'user'), undefined);
    assert.equal(checkDescription('x'.repeat(1024), 'user'), undefined);
    const v = checkDescription('x'.repeat(1025), 'role');
    assert.equal(ruleOf(v), 'roleDescription.tooLong');
    assertReadableViolation(v);
    assert.equal(checkDescription('é'.repeat(512), 'user'), undefined);
    assert.equal(ruleOf(checkDescription(`${'é'.repeat(512)}x`, 'user')), 'userDescription.tooLong');
  });
});

describe('rules: messages', () => {
  test('the example message from the issue', () => {
    const v = checkUsername(`${'a'.repeat(33)}é`, 'milvus-2.6');
    assert.equal(
      v?.message,
      'A username can be at most 32 bytes; this one is 35 (non-ASCII characters count as 2–4 bytes each). Shorten it.',
    );
  });

  test('the same input gives the same text every time', () => {
    assert.deepEqual(checkUsername('1x', 'milvus-2.6'), checkUsername('1x', 'milvus-2.6'));
    assert.deepEqual(checkRoleName('a-b', 'milvus-2.5'), checkRoleName('a-b', 'milvus-2.5'));
  });
});

describe('rules: passwordStrength', () => {
  test('scores and labels', () => {
    assert.deepEqual(passwordStrength(''), { score: 0, label: 'Very weak' });
    assert.equal(passwordStrength('password').score, 0);
    assert.match(passwordStrength('Milvus').label, /well-known/);
    assert.equal(passwordStrength('aaaaaaaaaaaaaaaaaaaa').score, 0, 'repeats weigh little');
    assert.equal(passwordStrength('abcdefghijklmnop').score, 0, 'sequences weigh little');
    assert.ok(passwordStrength('kq7#Vd!2mZ').score >= 2);
    assert.equal(passwordStrength('kq7#Vd!2mZpW9&sL').score, 4);
    for (const s of ['', 'abc', 'Abcdef1!', 'kq7#Vd!2mZpW9&sL']) {
      const r = passwordStrength(s);
      assert.ok([0, 1, 2, 3, 4].includes(r.score));
      assert.ok(r.label.length > 0);
    }
  });

  test('roughly increases with length and variety', () => {
    const ladder = [
      '',
      'qzx',
      'qzxwvj',
      'qzxwvjpk',
      'qzxwvjpkQ4',
      'qzxwvjpkQ4#m',
      'qzxwvjpkQ4#mT7!r',
      'qzxwvjpkQ4#mT7!rLs9%Ne2^',
    ];
    const scores = ladder.map((s) => passwordStrength(s).score);
    for (let i = 1; i < scores.length; i++) assert.ok(scores[i] >= scores[i - 1], `${ladder[i]}: ${scores.join(',')}`);
    assert.equal(scores[0], 0);
    assert.equal(scores[scores.length - 1], 4);
  });

  test('appending a character never lowers the score (fast-check)', () => {
    const reached = new Reached();
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40, unit: 'binary' }),
        fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
        (s, c) => {
          const longer = passwordStrength(s + c);
          reached.hit('generated');
          fc.pre(!/well-known/.test(longer.label));
          reached.hit('not a well-known password');
          return longer.score >= passwordStrength(s).score;
        },
      ),
      { numRuns: 2000 },
    );
    // fc.pre skips a run without counting it: most generated runs must still reach the comparison.
    reached.atLeast('not a well-known password', 0.9, reached.count('generated'));
  });
});

describe('rules: generatePassword', () => {
  for (const p of ALL) {
    test(`${p}: always valid, four classes, ASCII (fast-check, 1,000 runs)`, () => {
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const pw = generatePassword(p, seededBytes(seed));
          assert.equal(checkPassword(pw, p), undefined);
          assert.equal(pw.length, GENERATED_PASSWORD_LENGTH);
          assert.match(pw, /[A-Z]/);
          assert.match(pw, /[a-z]/);
          assert.match(pw, /[0-9]/);
          assert.match(pw, /[^A-Za-z0-9]/);
          assert.match(pw, /^[\x21-\x7e]+$/);
          assert.doesNotMatch(pw, /["'`\\:@/$& ]/);
          assert.equal(passwordStrength(pw).score, 4);
        }),
        { numRuns: 1000 },
      );
    });
  }

  test('valid for every profile with real crypto randomness', () => {
    for (let i = 0; i < 200; i++) {
      for (const p of ALL) {
        const pw = generatePassword(p, (n) => nodeRandomBytes(n));
        for (const q of ALL) assert.equal(checkPassword(pw, q), undefined);
      }
    }
  });

  test('works with a browser-style source that returns exactly n bytes', () => {
    const calls: number[] = [];
    const pw = generatePassword('milvus-2.6', (n) => {
      calls.push(n);
      return globalThis.crypto.getRandomValues(new Uint8Array(n));
    });
    assert.equal(checkPassword(pw, 'milvus-2.6'), undefined);
    assert.ok(calls.length >= 1);
  });

  test('different randomness gives different passwords', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 500; seed++) seen.add(generatePassword('milvus-2.6', seededBytes(seed)));
    assert.equal(seen.size, 500);
  });

  test('a broken random source fails loudly instead of looping', () => {
    assert.throws(() => generatePassword('milvus-2.6', (n) => new Uint8Array(n).fill(255)), /does not look random/);
    assert.throws(() => generatePassword('milvus-2.6', () => new Uint8Array(0)), /no bytes/);
  });
});

describe('rules: uniformIntSource (rejection sampling)', () => {
  test('each of 256 bytes once: every residue equally often, the remainder rejected', () => {
    for (const n of [1, 2, 3, 7, 12, 24, 25, 69, 100, 129, 255, 256]) {
      let served = false;
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      const randomInt = uniformIntSource(() => {
        if (served) throw new Error('asked for more bytes than needed');
        served = true;
        return all;
      });
      const accepted = 256 - (256 % n);
      const counts = new Array<number>(n).fill(0);
      for (let i = 0; i < accepted; i++) counts[randomInt(n)]++;
      for (const c of counts) assert.equal(c, accepted / n, `n=${n}`);
    }
  });

  test('skips a byte that would bias the result', () => {
    // n = 24: bytes 240..255 are rejected, so [250, 5] yields 5, not 250 % 24 = 10.
    const randomInt = uniformIntSource(() => Uint8Array.from([250, 5]));
    assert.equal(randomInt(24), 5);
  });

  test('rejects n out of range', () => {
    const randomInt = uniformIntSource(seededBytes(1));
    assert.throws(() => randomInt(0), RangeError);
    assert.throws(() => randomInt(257), RangeError);
    assert.throws(() => randomInt(1.5), RangeError);
  });

  test('chi-square: no visible bias over 69 symbols', () => {
    const randomInt = uniformIntSource(seededBytes(42));
    const n = 69;
    const draws = 69_000;
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < draws; i++) counts[randomInt(n)]++;
    const expected = draws / n;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    assert.ok(chi2 < 120, `chi2=${chi2.toFixed(1)} (df 68; p≈1e-4 at 120)`);
  });
});
