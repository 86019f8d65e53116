// Milvus naming and password rules, one module for the forms, the commands and the test server.
// Pure TypeScript (also bundled into the webviews): no Node APIs. Sources: /work/docs/milvus-behaviour.md §3.1, §9
// (Milvus `internal/proxy/util.go` ValidateUsername / ValidatePassword / ValidateRoleName / ValidatePrivilegeGroupName /
// ValidateDatabaseName) and the Zilliz Cloud docs for the cloud password policy.
import type { RuleProfileId } from './types';

export type { RuleProfileId };

/** A broken rule. `message` is shown as is wherever the rule is enforced (form, palette, test server). */
export interface RuleViolation {
  /** Stable id, e.g. `username.tooLong`. */
  rule: string;
  /** A sentence a person understands, saying what to do. */
  message: string;
  /** Numbers behind the message, for callers that format their own text (e.g. the test server's server-style errors). */
  detail?: RuleViolationDetail;
}

export interface RuleViolationDetail {
  /** Measured length (bytes, or characters for Zilliz Cloud passwords). */
  length?: number;
  /** The limit that was broken. */
  limit?: number;
  /** The offending character. */
  char?: string;
  /** 0-based UTF-8 byte offset of `char` in the checked text (after trimming where the server trims). */
  byteIndex?: number;
}

export interface RuleProfile {
  id: RuleProfileId;
  /** For a QuickPick item. */
  label: string;
  /** For a QuickPick item's description. */
  description: string;
  usernameMaxBytes: number;
  /** Characters allowed after the first besides ASCII letters, digits and `_`. */
  usernameExtraChars: string;
  passwordMinBytes: number;
  passwordMaxBytes: number;
  /** Zilliz Cloud counts characters (code points) instead of bytes; undefined = no character limit. */
  passwordMinChars?: number;
  passwordMaxChars?: number;
  /** How many of upper, lower, digit, special a password needs (0 = no composition rule). */
  passwordMinClasses: number;
  nameMaxBytes: number;
  /** Characters allowed in role names after the first besides ASCII letters, digits and `_`. */
  roleNameExtraChars: string;
}

export const RULE_PROFILE_IDS: readonly RuleProfileId[] = ['milvus-2.4', 'milvus-2.5', 'milvus-2.6', 'zilliz-cloud'];

export const DEFAULT_RULE_PROFILE: RuleProfileId = 'milvus-2.6';

export const RULE_PROFILES: Readonly<Record<RuleProfileId, Readonly<RuleProfile>>> = {
  'milvus-2.4': {
    id: 'milvus-2.4',
    label: 'Milvus 2.4 and earlier',
    description: 'Passwords 6–256 bytes; usernames: letters, digits, _',
    usernameMaxBytes: 32,
    usernameExtraChars: '',
    passwordMinBytes: 6,
    passwordMaxBytes: 256,
    passwordMinClasses: 0,
    nameMaxBytes: 255,
    roleNameExtraChars: '$',
  },
  'milvus-2.5': {
    id: 'milvus-2.5',
    label: 'Milvus 2.5',
    description: 'Passwords 6–72 bytes; usernames: letters, digits, _',
    usernameMaxBytes: 32,
    usernameExtraChars: '',
    passwordMinBytes: 6,
    passwordMaxBytes: 72,
    passwordMinClasses: 0,
    nameMaxBytes: 255,
    roleNameExtraChars: '$',
  },
  'milvus-2.6': {
    id: 'milvus-2.6',
    label: 'Milvus 2.6 and later',
    description: 'Passwords 6–72 bytes; usernames: letters, digits, _ - .',
    usernameMaxBytes: 32,
    usernameExtraChars: '-.',
    passwordMinBytes: 6,
    passwordMaxBytes: 72,
    passwordMinClasses: 0,
    nameMaxBytes: 255,
    roleNameExtraChars: '$',
  },
  'zilliz-cloud': {
    id: 'zilliz-cloud',
    label: 'Zilliz Cloud',
    description: 'Passwords 8–64 characters with 3 of upper, lower, digit, special',
    usernameMaxBytes: 32,
    usernameExtraChars: '',
    passwordMinBytes: 8,
    // Zilliz Cloud runs Milvus underneath, so bcrypt's 72-byte cap still applies to long non-ASCII passwords.
    passwordMaxBytes: 72,
    passwordMinChars: 8,
    passwordMaxChars: 64,
    passwordMinClasses: 3,
    nameMaxBytes: 255,
    roleNameExtraChars: '$',
  },
};

export const DESCRIPTION_MAX_BYTES = 1024;

// ---------------------------------------------------------------------------------------------------------------------
// Helpers

const encoder = new TextEncoder();

/** Length in UTF-8 bytes, the unit Milvus measures names and passwords in. Lone surrogates count as U+FFFD (3 bytes). */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).length;
}

// Go's unicode.IsSpace, which strings.TrimSpace uses. Differs from JS trim(): includes U+0085, excludes U+FEFF.
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const GO_SPACE_LEADING = new RegExp(`^${GO_SPACE.source}+`);
const GO_SPACE_TRAILING = new RegExp(`${GO_SPACE.source}+$`);

/** Go's `strings.TrimSpace`: what Milvus applies to usernames and role names before checking them. */
export function goTrimSpace(text: string): string {
  return text.replace(GO_SPACE_LEADING, '').replace(GO_SPACE_TRAILING, '');
}

/**
 * The name to send to the server for a username or role name: the server validates the trimmed text but, before 2.6.6,
 * stores the untrimmed one, so always send this.
 */
export function normalizeName(text: string): string {
  return goTrimSpace(text);
}

function isAsciiLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function isAsciiDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** How to name a character in a message so that invisible ones are visible. */
export function describeChar(c: string): string {
  switch (c) {
    case ' ':
      return 'a space';
    case '\t':
      return 'a tab';
    case '\n':
    case '\r':
    case '\u2028':
    case '\u2029':
      return 'a line break';
  }
  const cp = c.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `the control character ${hex}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `an unpaired surrogate ${hex}`;
  if (GO_SPACE.test(c) || cp === 0xfeff || cp === 0x200b) return `an invisible space ${hex}`;
  return `“${c}”`;
}

interface NameShape {
  /** Subject in messages: 'A username', 'A role name', ... */
  subject: string;
  /** Noun in messages: 'username', 'role name', ... */
  noun: string;
  rulePrefix: string;
  trim: boolean;
  maxBytes: number;
  firstUnderscore: boolean;
  extraChars: string;
}

function allowedCharsText(shape: NameShape): string {
  const parts = ['ASCII letters', 'digits', 'underscores (_)'];
  for (const c of shape.extraChars) {
    parts.push(c === '-' ? 'hyphens (-)' : c === '.' ? 'dots (.)' : c === '$' ? 'dollar signs ($)' : `“${c}”`);
  }
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function checkName(raw: string, shape: NameShape): RuleViolation | undefined {
  const name = shape.trim ? goTrimSpace(raw) : raw;
  if (name === '') {
    return {
      rule: `${shape.rulePrefix}.empty`,
      message:
        raw === ''
          ? `${shape.subject} can't be empty; enter one.`
          : `${shape.subject} can't be only spaces; enter letters.`,
    };
  }
  const bytes = utf8ByteLength(name);
  if (bytes > shape.maxBytes) {
    const nonAscii = /[\u0080-\uffff]/.test(name) ? ' (non-ASCII characters count as 2–4 bytes each)' : '';
    return {
      rule: `${shape.rulePrefix}.tooLong`,
      message: `${shape.subject} can be at most ${shape.maxBytes} bytes; this one is ${bytes}${nonAscii}. Shorten it.`,
      detail: { length: bytes, limit: shape.maxBytes },
    };
  }
  const chars = Array.from(name);
  const first = chars[0];
  if (!(isAsciiLetter(first) || (shape.firstUnderscore && first === '_'))) {
    const need = shape.firstUnderscore
      ? 'an ASCII letter (a–z, A–Z) or an underscore (_)'
      : 'an ASCII letter (a–z, A–Z)';
    return {
      rule: `${shape.rulePrefix}.firstChar`,
      message: `${shape.subject} must start with ${need}, not ${describeChar(first)}.`,
      detail: { char: first, byteIndex: 0 },
    };
  }
  // Positions in messages count from the start of what the person typed, leading spaces included.
  const leading = shape.trim ? Array.from(raw).length - Array.from(raw.replace(GO_SPACE_LEADING, '')).length : 0;
  let byteIndex = utf8ByteLength(first);
  for (let i = 1; i < chars.length; i++) {
    const c = chars[i];
    if (!(isAsciiLetter(c) || isAsciiDigit(c) || c === '_' || shape.extraChars.includes(c))) {
      return {
        rule: `${shape.rulePrefix}.invalidChar`,
        message: `${shape.subject} can contain only ${allowedCharsText(shape)}; remove ${describeChar(c)} (character ${leading + i + 1} of the ${shape.noun}).`,
        detail: { char: c, byteIndex },
      };
    }
    byteIndex += utf8ByteLength(c);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------------
// Rules

/** Milvus `ValidateUsername`: trimmed, 1–32 bytes, ASCII letter first, then letters, digits, `_` (and `-` `.` on 2.6+). */
export function checkUsername(name: string, profile: RuleProfileId): RuleViolation | undefined {
  const p = RULE_PROFILES[profile] ?? RULE_PROFILES[DEFAULT_RULE_PROFILE];
  return checkName(name, {
    subject: 'A username',
    noun: 'username',
    rulePrefix: 'username',
    trim: true,
    maxBytes: p.usernameMaxBytes,
    firstUnderscore: false,
    extraChars: p.usernameExtraChars,
  });
}

/** Milvus `ValidateRoleName`: trimmed, 1–255 bytes, `_` or ASCII letter first, then letters, digits, `_`, `$`. */
export function checkRoleName(name: string, profile: RuleProfileId): RuleViolation | undefined {
  const p = RULE_PROFILES[profile] ?? RULE_PROFILES[DEFAULT_RULE_PROFILE];
  return checkName(name, {
    subject: 'A role name',
    noun: 'role name',
    rulePrefix: 'roleName',
    trim: true,
    maxBytes: p.nameMaxBytes,
    firstUnderscore: true,
    extraChars: p.roleNameExtraChars,
  });
}

/** Milvus `ValidatePrivilegeGroupName`: not trimmed, 1–255 bytes, `_` or ASCII letter first, then letters, digits, `_`. */
export function checkPrivilegeGroupName(name: string, profile: RuleProfileId): RuleViolation | undefined {
  const p = RULE_PROFILES[profile] ?? RULE_PROFILES[DEFAULT_RULE_PROFILE];
  return checkName(name, {
    subject: 'A privilege group name',
    noun: 'privilege group name',
    rulePrefix: 'privilegeGroupName',
    trim: false,
    maxBytes: p.nameMaxBytes,
    firstUnderscore: true,
    extraChars: '',
  });
}

/** Milvus `ValidateDatabaseName`: not trimmed, 1–255 bytes, `_` or ASCII letter first, then letters, digits, `_`. */
export function checkDatabaseName(name: string): RuleViolation | undefined {
  return checkName(name, {
    subject: 'A database name',
    noun: 'database name',
    rulePrefix: 'databaseName',
    trim: false,
    maxBytes: 255,
    firstUnderscore: true,
    extraChars: '',
  });
}

export type CharClass = 'upper' | 'lower' | 'digit' | 'special';

const CLASS_NAMES: Record<CharClass, string> = {
  upper: 'uppercase letters',
  lower: 'lowercase letters',
  digit: 'digits',
  special: 'special characters',
};

/** ASCII classes only: A–Z, a–z, 0–9, and printable ASCII punctuation (space excluded) as "special". */
export function charClassesOf(password: string): Set<CharClass> {
  const found = new Set<CharClass>();
  for (const c of password) {
    if (c >= 'A' && c <= 'Z') found.add('upper');
    else if (c >= 'a' && c <= 'z') found.add('lower');
    else if (c >= '0' && c <= '9') found.add('digit');
    else if (c > ' ' && c <= '~') found.add('special');
  }
  return found;
}

/** Milvus `ValidatePassword` (byte length, never trimmed); Zilliz Cloud adds character length and composition. */
export function checkPassword(password: string, profile: RuleProfileId): RuleViolation | undefined {
  const p = RULE_PROFILES[profile] ?? RULE_PROFILES[DEFAULT_RULE_PROFILE];
  if (p.passwordMinChars !== undefined || p.passwordMaxChars !== undefined) {
    const count = Array.from(password).length;
    const min = p.passwordMinChars ?? 0;
    const max = p.passwordMaxChars ?? Number.POSITIVE_INFINITY;
    if (count < min) {
      return {
        rule: 'password.tooShort',
        message: `A ${p.label} password needs at least ${min} characters; this one has ${count}.`,
        detail: { length: count, limit: min },
      };
    }
    if (count > max) {
      return {
        rule: 'password.tooLong',
        message: `A ${p.label} password can be at most ${max} characters; this one has ${count}. Shorten it.`,
        detail: { length: count, limit: max },
      };
    }
  }
  const bytes = utf8ByteLength(password);
  if (bytes < p.passwordMinBytes) {
    return {
      rule: 'password.tooShort',
      message: `A password needs at least ${p.passwordMinBytes} bytes; this one has ${bytes}. Make it longer.`,
      detail: { length: bytes, limit: p.passwordMinBytes },
    };
  }
  if (bytes > p.passwordMaxBytes) {
    const why = p.passwordMaxBytes === 72 ? ' (the bcrypt limit)' : '';
    const nonAscii = /[\u0080-\uffff]/.test(password) ? ' (non-ASCII characters count as 2–4 bytes each)' : '';
    return {
      rule: 'password.tooLong',
      message: `A password can be at most ${p.passwordMaxBytes} bytes${why}; this one is ${bytes}${nonAscii}. Shorten it.`,
      detail: { length: bytes, limit: p.passwordMaxBytes },
    };
  }
  if (p.passwordMinClasses > 0) {
    const classes = charClassesOf(password);
    if (classes.size < p.passwordMinClasses) {
      const has = (Object.keys(CLASS_NAMES) as CharClass[]).filter((c) => classes.has(c)).map((c) => CLASS_NAMES[c]);
      const hasText = has.length === 0 ? 'none of them' : `only ${has.join(' and ')}`;
      return {
        rule: 'password.tooFewClasses',
        message:
          `A ${p.label} password needs at least ${p.passwordMinClasses} of: uppercase letters, lowercase letters, digits, ` +
          `special characters (such as ! # % *); this one has ${hasText}.`,
        detail: { length: classes.size, limit: p.passwordMinClasses },
      };
    }
  }
  return undefined;
}

/** The confirmation field of a password form. */
export function checkPasswordConfirmation(password: string, confirmation: string): RuleViolation | undefined {
  if (password === confirmation) return undefined;
  return { rule: 'password.mismatch', message: "The two passwords don't match; type the same password twice." };
}

/** User and role descriptions (Milvus 2.6.19+): at most 1024 bytes. */
export function checkDescription(text: string, kind: 'user' | 'role'): RuleViolation | undefined {
  const bytes = utf8ByteLength(text);
  if (bytes <= DESCRIPTION_MAX_BYTES) return undefined;
  return {
    rule: `${kind}Description.tooLong`,
    message: `A ${kind} description can be at most ${DESCRIPTION_MAX_BYTES} bytes; this one is ${bytes}. Shorten it.`,
    detail: { length: bytes, limit: DESCRIPTION_MAX_BYTES },
  };
}

export function isRuleViolation(value: unknown): value is RuleViolation {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { rule?: unknown }).rule === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Profiles

/**
 * The rule profile for a server version string as GetVersion reports it (`v2.6.19`, `2.5.3`, `v2.4.x`, `3.0.0`); the first
 * `major.minor` in the text counts. Zilliz Cloud is never detected: the user picks it.
 * Unknown or unparsable versions give the newest profile: the server stays the final judge.
 */
export function profileFromVersion(version: string | undefined): RuleProfileId {
  if (typeof version !== 'string') return DEFAULT_RULE_PROFILE;
  const m = /(?:^|[^0-9A-Za-z.])v?(\d+)\.(\d+)(?![0-9])/i.exec(version);
  if (!m) return DEFAULT_RULE_PROFILE;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major > 2 || (major === 2 && minor >= 6)) return 'milvus-2.6';
  if (major === 2 && minor === 5) return 'milvus-2.5';
  return 'milvus-2.4';
}

// ---------------------------------------------------------------------------------------------------------------------
// Password strength (a hint only; the server enforces nothing beyond length)

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export const STRENGTH_LABELS: readonly string[] = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

const COMMON_PASSWORDS = new Set([
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwerty',
  'qwerty123',
  'qwertyuiop',
  'abc123',
  'abcdef',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'admin123',
  'administrator',
  'root',
  'toor',
  'milvus',
  'milvus123',
  'changeme',
  'secret',
  'default',
  'zilliz',
  '111111',
  '000000',
  'football',
  'monkey',
  'dragon',
  'master',
  'sunshine',
  'princess',
  'trustno1',
]);

/** Estimated entropy in bits: pool size from the character classes used, repeated/sequential characters weigh little. */
function estimateBits(password: string): number {
  const chars = Array.from(password);
  if (chars.length === 0) return 0;
  let pool = 0;
  const classes = charClassesOf(password);
  if (classes.has('lower')) pool += 26;
  if (classes.has('upper')) pool += 26;
  if (classes.has('digit')) pool += 10;
  if (classes.has('special')) pool += 33;
  if (chars.some((c) => c <= ' ' || c > '~')) pool += 100;
  const perChar = Math.log2(Math.max(pool, 2));
  let weight = 0;
  let prev = -10;
  for (const c of chars) {
    const cp = c.codePointAt(0) ?? 0;
    weight += Math.abs(cp - prev) <= 1 ? 0.1 : 1;
    prev = cp;
  }
  return weight * perChar;
}

/** A hint for the form: 0 very weak … 4 very strong. Appending a character never lowers the score (except into a well-known password). */
export function passwordStrength(password: string): { score: StrengthScore; label: string } {
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    return { score: 0, label: `${STRENGTH_LABELS[0]} (a well-known password)` };
  }
  const bits = estimateBits(password);
  const score: StrengthScore = bits < 30 ? 0 : bits < 50 ? 1 : bits < 70 ? 2 : bits < 100 ? 3 : 4;
  return { score, label: STRENGTH_LABELS[score] };
}

// ---------------------------------------------------------------------------------------------------------------------
// Password generation

export const GENERATED_PASSWORD_LENGTH = 24;

const GEN_UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const GEN_LOWER = 'abcdefghijkmnopqrstuvwxyz';
const GEN_DIGIT = '23456789';
// No quotes, backslash, space, ':' '@' '/' (URIs, `user:password` tokens), '$' '&' '`' (shells).
const GEN_SPECIAL = '!#%*+-.=?^_~';
const GEN_ALL = GEN_UPPER + GEN_LOWER + GEN_DIGIT + GEN_SPECIAL;

/**
 * Unbiased integers in [0, n) (1 <= n <= 256) from injected random bytes: a byte is accepted only below the largest
 * multiple of n that fits in 256, so every residue is equally likely (rejection sampling, no modulo bias).
 */
export function uniformIntSource(randomBytes: (n: number) => Uint8Array): (n: number) => number {
  let buffer: Uint8Array = new Uint8Array(0);
  let pos = 0;
  const nextByte = (): number => {
    if (pos >= buffer.length) {
      buffer = randomBytes(64);
      pos = 0;
      if (!(buffer instanceof Uint8Array) || buffer.length === 0) throw new Error('randomBytes returned no bytes');
    }
    return buffer[pos++];
  };
  return (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 256) throw new RangeError(`n must be an integer from 1 to 256, got ${n}`);
    const limit = 256 - (256 % n);
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const b = nextByte();
      if (b < limit) return b % n;
    }
    throw new Error('randomBytes does not look random (10,000 rejected bytes in a row)');
  };
}

/**
 * A password valid for the profile with upper, lower, digit and special characters, all ASCII and unambiguous.
 * `randomBytes` is injected (Node: crypto.randomBytes; browser: crypto.getRandomValues).
 */
export function generatePassword(profile: RuleProfileId, randomBytes: (n: number) => Uint8Array): string {
  const p = RULE_PROFILES[profile] ?? RULE_PROFILES[DEFAULT_RULE_PROFILE];
  const max = Math.min(p.passwordMaxBytes, p.passwordMaxChars ?? Number.POSITIVE_INFINITY);
  const min = Math.max(p.passwordMinBytes, p.passwordMinChars ?? 0, 4);
  const length = Math.min(Math.max(GENERATED_PASSWORD_LENGTH, min), max);
  const randomInt = uniformIntSource(randomBytes);
  const pick = (set: string): string => set[randomInt(set.length)];
  const chars = [pick(GEN_UPPER), pick(GEN_LOWER), pick(GEN_DIGIT), pick(GEN_SPECIAL)];
  while (chars.length < length) chars.push(pick(GEN_ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
