// Milvus naming and password rules, one module for the forms, the commands and the test server.
// Pure TypeScript (also bundled into the webviews): no Node APIs. Sources: docs/milvus-behaviour.md §3.1, §9
// (Milvus `internal/proxy/util.go` ValidateUsername / ValidatePassword / ValidateRoleName / ValidatePrivilegeGroupName /
// ValidateDatabaseName) and the Zilliz Cloud docs for the cloud password policy.
import * as l10n from '@vscode/l10n';
import { ruleProfile } from './profiles';
import type { RuleProfileId } from '../types';

export type { RuleProfileId };

/**
 * A broken rule. `message` is shown as is in the forms and the palette, in the display language (l10n.t: English unless
 * a bundle was configured); the test server builds Milvus's own English texts from `rule` and `detail`.
 */
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
      return l10n.t('a space');
    case '\t':
      return l10n.t('a tab');
    case '\n':
    case '\r':
    case '\u2028':
    case '\u2029':
      return l10n.t('a line break');
  }
  const cp = c.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return l10n.t('the control character {0}', hex);
  if (cp >= 0xd800 && cp <= 0xdfff) return l10n.t('an unpaired surrogate {0}', hex);
  if (GO_SPACE.test(c) || cp === 0xfeff || cp === 0x200b) return l10n.t('an invisible space {0}', hex);
  return l10n.t('“{0}”', c);
}

interface NameShape {
  /** Subject in messages: 'A username', 'A role name', ... (translated) */
  subject: string;
  /** Noun in messages: 'username', 'role name', ... (translated) */
  noun: string;
  rulePrefix: string;
  trim: boolean;
  maxBytes: number;
  firstUnderscore: boolean;
  extraChars: string;
}

/** Whole phrases, one per set of extra characters the profiles use, so that each translates as a unit. */
function allowedCharsText(extraChars: string): string {
  switch (extraChars) {
    case '':
      return l10n.t('ASCII letters, digits and underscores (_)');
    case '-.':
      return l10n.t('ASCII letters, digits, underscores (_), hyphens (-) and dots (.)');
    case '$':
      return l10n.t('ASCII letters, digits, underscores (_) and dollar signs ($)');
    default:
      return l10n.t('ASCII letters, digits, underscores (_) and {0}', extraChars);
  }
}

function checkName(raw: string, shape: NameShape): RuleViolation | undefined {
  const name = shape.trim ? goTrimSpace(raw) : raw;
  if (name === '') {
    return {
      rule: `${shape.rulePrefix}.empty`,
      message:
        raw === ''
          ? l10n.t("{0} can't be empty; enter one.", shape.subject)
          : l10n.t("{0} can't be only spaces; enter letters.", shape.subject),
    };
  }
  const bytes = utf8ByteLength(name);
  if (bytes > shape.maxBytes) {
    const args = { subject: shape.subject, max: shape.maxBytes, bytes };
    return {
      rule: `${shape.rulePrefix}.tooLong`,
      message: /[\u0080-\uffff]/.test(name)
        ? l10n.t(
            '{subject} can be at most {max} bytes; this one is {bytes} (non-ASCII characters count as 2–4 bytes each). Shorten it.',
            args,
          )
        : l10n.t('{subject} can be at most {max} bytes; this one is {bytes}. Shorten it.', args),
      detail: { length: bytes, limit: shape.maxBytes },
    };
  }
  const chars = Array.from(name);
  const first = chars[0];
  if (!(isAsciiLetter(first) || (shape.firstUnderscore && first === '_'))) {
    const args = { subject: shape.subject, char: describeChar(first) };
    return {
      rule: `${shape.rulePrefix}.firstChar`,
      message: shape.firstUnderscore
        ? l10n.t('{subject} must start with an ASCII letter (a–z, A–Z) or an underscore (_), not {char}.', args)
        : l10n.t('{subject} must start with an ASCII letter (a–z, A–Z), not {char}.', args),
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
        message: l10n.t('{subject} can contain only {allowed}; remove {char} (character {position} of the {noun}).', {
          subject: shape.subject,
          allowed: allowedCharsText(shape.extraChars),
          char: describeChar(c),
          position: leading + i + 1,
          noun: shape.noun,
        }),
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
    subject: l10n.t('A username'),
    noun: l10n.t('username'),
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
    subject: l10n.t('A role name'),
    noun: l10n.t('role name'),
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
    subject: l10n.t('A privilege group name'),
    noun: l10n.t('privilege group name'),
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
    subject: l10n.t('A database name'),
    noun: l10n.t('database name'),
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
    subject: l10n.t('A collection name'),
    noun: 'collection name',
    rulePrefix: 'collectionName',
    trim: false,
    maxBytes: 255,
    firstUnderscore: true,
    extraChars: '',
  });
}

export type CharClass = 'upper' | 'lower' | 'digit' | 'special';

const CHAR_CLASSES: readonly CharClass[] = ['upper', 'lower', 'digit', 'special'];

function className(c: CharClass): string {
  switch (c) {
    case 'upper':
      return l10n.t('uppercase letters');
    case 'lower':
      return l10n.t('lowercase letters');
    case 'digit':
      return l10n.t('digits');
    case 'special':
      return l10n.t('special characters');
  }
}

/** What a password has of the classes, when it has fewer than a profile needs (so at most two). */
function classesText(classes: ReadonlySet<CharClass>): string {
  const has = CHAR_CLASSES.filter((c) => classes.has(c)).map(className);
  if (has.length === 0) return l10n.t('none of them');
  if (has.length === 1) return l10n.t('only {0}', has[0]);
  return l10n.t('only {0} and {1}', has[0], has.slice(1).join(', '));
}

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
        message: l10n.t('A {profile} password needs at least {min} characters; this one has {count}.', {
          profile: p.label,
          min,
          count,
        }),
        detail: { length: count, limit: min },
      };
    }
    if (count > max) {
      return {
        rule: 'password.tooLong',
        message: l10n.t('A {profile} password can be at most {max} characters; this one has {count}. Shorten it.', {
          profile: p.label,
          max,
          count,
        }),
        detail: { length: count, limit: max },
      };
    }
  }
  const bytes = utf8ByteLength(password);
  if (bytes < p.passwordMinBytes) {
    return {
      rule: 'password.tooShort',
      message: l10n.t('A password needs at least {min} bytes; this one has {bytes}. Make it longer.', {
        min: p.passwordMinBytes,
        bytes,
      }),
      detail: { length: bytes, limit: p.passwordMinBytes },
    };
  }
  if (bytes > p.passwordMaxBytes) {
    const args = { max: p.passwordMaxBytes, bytes };
    const nonAscii = /[\u0080-\uffff]/.test(password);
    const message =
      p.passwordMaxBytes === 72
        ? nonAscii
          ? l10n.t(
              'A password can be at most {max} bytes (the bcrypt limit); this one is {bytes} (non-ASCII characters count as 2–4 bytes each). Shorten it.',
              args,
            )
          : l10n.t('A password can be at most {max} bytes (the bcrypt limit); this one is {bytes}. Shorten it.', args)
        : nonAscii
          ? l10n.t(
              'A password can be at most {max} bytes; this one is {bytes} (non-ASCII characters count as 2–4 bytes each). Shorten it.',
              args,
            )
          : l10n.t('A password can be at most {max} bytes; this one is {bytes}. Shorten it.', args);
    return {
      rule: 'password.tooLong',
      message,
      detail: { length: bytes, limit: p.passwordMaxBytes },
    };
  }
  if (p.passwordMinClasses > 0) {
    const classes = charClassesOf(password);
    if (classes.size < p.passwordMinClasses) {
      return {
        rule: 'password.tooFewClasses',
        message: l10n.t(
          'A {profile} password needs at least {min} of: uppercase letters, lowercase letters, digits, special characters (such as ! # % *); this one has {has}.',
          { profile: p.label, min: p.passwordMinClasses, has: classesText(classes) },
        ),
        detail: { length: classes.size, limit: p.passwordMinClasses },
      };
    }
  }
  return undefined;
}

/** The confirmation field of a password form. */
export function checkPasswordConfirmation(password: string, confirmation: string): RuleViolation | undefined {
  if (password === confirmation) return undefined;
  return { rule: 'password.mismatch', message: l10n.t("The two passwords don't match; type the same password twice.") };
}

/** User and role descriptions (Milvus 2.6.19+): at most 1024 bytes. */
export function checkDescription(text: string, kind: 'user' | 'role'): RuleViolation | undefined {
  const bytes = utf8ByteLength(text);
  if (bytes <= DESCRIPTION_MAX_BYTES) return undefined;
  const args = { max: DESCRIPTION_MAX_BYTES, bytes };
  return {
    rule: `${kind}Description.tooLong`,
    message:
      kind === 'user'
        ? l10n.t('A user description can be at most {max} bytes; this one is {bytes}. Shorten it.', args)
        : l10n.t('A role description can be at most {max} bytes; this one is {bytes}. Shorten it.', args),
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
