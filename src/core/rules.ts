// Milvus naming and password rules, one module for the forms, the commands and the test server.
// Pure TypeScript (also bundled into the webviews): no Node APIs. Sources: docs/milvus-behaviour.md §3.1, §9
// (Milvus `internal/proxy/util.go` ValidateUsername / ValidatePassword / ValidateRoleName / ValidatePrivilegeGroupName /
// ValidateDatabaseName) and the Zilliz Cloud docs for the cloud password policy.
import { ruleProfile } from './ruleProfiles';
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
  const p = ruleProfile(profile);
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
  const p = ruleProfile(profile);
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
  const p = ruleProfile(profile);
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

/** Milvus `ValidateCollectionName` (a collection typed in where the list is filtered, §5.4): a database name's shape. */
export function checkCollectionName(name: string): RuleViolation | undefined {
  return checkName(name, {
    subject: 'A collection name',
    noun: 'collection name',
    rulePrefix: 'collectionName',
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
  const p = ruleProfile(profile);
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
