// The proxy's input checks (§3.1), written from Milvus's `internal/proxy/util.go` at each release line:
// v2.6 = 2.6 branch at 159a1a59cb (v2.6.19), identical at 3.0 (6298d2ff68, v3.0.0); v2.5 = 2.5 branch at c8e90858d5
// (v2.5.27); v2.4 = the v2.5 checks with the 2.4 defaults (`proxy.maxPasswordLength` 256 in
// pkg/util/paramtable/component_param.go at efce709152; the 2.4 branch itself is not in the stored mirrors).
// Like Go, every check walks UTF-8 bytes, not characters. Nothing here comes from the extension's own rules.
import { fail, MilvusFailure } from './status';
import { versionAtLeast } from './version';

/** The rule set of a release line: which texts and limits its proxy uses. */
export type RuleEra = '2.4' | '2.5' | '2.6';

export function ruleEraOf(version: string): RuleEra {
  if (versionAtLeast(version, 2, 6, 0)) return '2.6';
  return versionAtLeast(version, 2, 5, 0) ? '2.5' : '2.4';
}

/** `pkg/util/paramtable/component_param.go` defaults: proxy.maxUsernameLength, min/maxPasswordLength, maxNameLength. */
const MAX_USERNAME_LENGTH = 32;
const MIN_PASSWORD_LENGTH = 6;
const MAX_NAME_LENGTH = 255;
/** `proxy.nameValidation.allowedChars` and `proxy.roleNameValidation.allowedChars` (2.6), hard-coded `$` in 2.5. */
const ALLOWED_CHARS = '$';

function maxPasswordLength(era: RuleEra): number {
  return era === '2.4' ? 256 : 72;
}

const encoder = new TextEncoder();

function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Go's `isAlpha` / `isNumber` on one byte. */
function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isNumber(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
const UNDERSCORE = 0x5f;

/** How Go prints one byte with `%c` or `string(byte)`: the code point of that byte's value. */
function byteChar(c: number): string {
  return String.fromCharCode(c);
}

// Go's unicode.IsSpace, which strings.TrimSpace uses (U+0085 and U+00A0 included, U+200B and U+FEFF not).
const SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING = new RegExp(`^${SPACE}+`);
const TRAILING = new RegExp(`${SPACE}+$`);

/** Go's `strings.TrimSpace`. */
export function trimSpace(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}

/** `ValidateUsername`; returns the trimmed name. */
export function validateUsername(raw: string, era: RuleEra): string {
  const name = trimSpace(raw);
  const b = bytesOf(name);
  if (b.length === 0) throw fail.invalid('username must be not empty');
  if (b.length > MAX_USERNAME_LENGTH) {
    // 2.5 passes the configured value (a string) to %d; 2.6 passes the number.
    const limit = era === '2.6' ? String(MAX_USERNAME_LENGTH) : `%!d(string=${MAX_USERNAME_LENGTH})`;
    throw fail.invalid(
      `invalid username ${name} with length ${b.length}, the length of username must be less than ${limit}`,
    );
  }
  if (!isAlpha(b[0])) {
    throw fail.invalid(`invalid user name ${name}, the first character must be a letter, but got ${byteChar(b[0])}`);
  }
  const extra = era === '2.6' ? [0x2d, 0x2e] : [];
  for (let i = 1; i < b.length; i++) {
    const c = b[i];
    if (c !== UNDERSCORE && !isAlpha(c) && !isNumber(c) && !extra.includes(c)) {
      const allowed =
        era === '2.6' ? 'numbers, letters, underscores, dots, and hyphens' : 'numbers, letters and underscores';
      throw fail.invalid(`invalid user name ${name}, username must contain only ${allowed}, but got %!s(uint8=${c})`);
    }
  }
  return name;
}

/** `ValidatePassword` on the decoded password: a byte length in range. */
export function validatePassword(password: string, era: RuleEra): void {
  const len = bytesOf(password).length;
  const max = maxPasswordLength(era);
  if (len < MIN_PASSWORD_LENGTH || len > max) {
    throw fail.invalidRaw(
      `invalid password length: invalid parameter[${len} out of range ${MIN_PASSWORD_LENGTH} <= value <= ${max}]`,
    );
  }
}

/** `validateNameWithCustomChars` (2.6) / `validateName` (2.5): role, object, privilege, object-type, collection names. */
export function validateName(raw: string, nameType: string, era: RuleEra): void {
  const b = bytesOf(trimSpace(raw));
  if (b.length === 0) {
    throw fail.invalidRaw(`${nameType} should be not empty: invalid parameter[expected=not empty][actual=]`);
  }
  if (b.length > MAX_NAME_LENGTH) {
    throw fail.invalidRaw(
      `the length of ${nameType} must be not greater than limit: invalid parameter[${b.length} out of range 0 <= value <= ${MAX_NAME_LENGTH}]`,
    );
  }
  if (b[0] !== UNDERSCORE && !isAlpha(b[0])) {
    throw fail.invalidRaw(
      `the first character of ${nameType} must be an underscore or letter: invalid parameter[expected=${UNDERSCORE}][actual=${b[0]}]`,
    );
  }
  for (let i = 1; i < b.length; i++) {
    const c = b[i];
    if (c !== UNDERSCORE && !isAlpha(c) && !isNumber(c) && !ALLOWED_CHARS.includes(byteChar(c))) {
      const allowed =
        era === '2.6'
          ? `numbers, letters, underscores, and allowed characters (${ALLOWED_CHARS})`
          : 'numbers, letters, dollars and underscores';
      throw fail.invalid(`${nameType} can only contain ${allowed}, found ${byteChar(c)} at ${i}`);
    }
  }
}

export function validateRoleName(raw: string, era: RuleEra): void {
  validateName(raw, 'role name', era);
}

/** `ValidateObjectName`: `*` or a name. */
export function validateObjectName(raw: string, era: RuleEra): void {
  if (raw !== '*') validateName(raw, 'object name', era);
}

/** `ValidatePrivilege`: `*` or a name. */
export function validatePrivilegeName(raw: string, era: RuleEra): void {
  if (raw !== '*') validateName(raw, 'Privilege', era);
}

/** `ValidateCollectionName` (OperatePrivilegeV2's collection): `*` or a name by `validateName` (trimmed, `$` allowed). */
export function validateGrantCollectionName(raw: string, era: RuleEra): void {
  if (raw !== '*') validateName(raw, 'collection name', era);
}

/**
 * `ValidatePrivilegeGroupName`, not trimmed. The first three failures go through `WrapErrPrivilegeGroupNameInvalid`,
 * which takes the format string as the group and the arguments as messages joined by `->` (code 1402).
 */
export function validatePrivilegeGroupName(name: string, _era: RuleEra): void {
  const b = bytesOf(name);
  const invalid = (prefix: string, what: string) =>
    new MilvusFailure(1402, `${prefix}invalid privilege group name[privilegeGroup=${what}]`);
  if (b.length === 0) throw invalid('', 'privilege group name should not be empty');
  if (b.length > MAX_NAME_LENGTH) {
    throw invalid(
      `${name}->${MAX_NAME_LENGTH}: `,
      'the length of a privilege group name %s must be less than %s characters',
    );
  }
  if (b[0] !== UNDERSCORE && !isAlpha(b[0])) {
    throw invalid(`${name}: `, 'the first character of a privilege group name %s must be an underscore or letter');
  }
  for (let i = 1; i < b.length; i++) {
    const c = b[i];
    if (c !== UNDERSCORE && !isAlpha(c) && !isNumber(c)) {
      throw fail.invalid(`privilege group name ${name} can only contain numbers, letters and underscores`);
    }
  }
}

/** `ValidateDatabaseName`: code 802, the reason first (`WrapErrDatabaseNameInvalid(name, reason)` → `reason: …`). */
export function validateDatabaseName(name: string): void {
  const b = bytesOf(name);
  const invalid = (reason: string) => new MilvusFailure(802, `${reason}: invalid database name[database=${name}]`);
  if (b.length === 0) throw invalid("database name couldn't be empty");
  if (b.length > MAX_NAME_LENGTH) {
    throw invalid(`the length of a database name must be less than ${MAX_NAME_LENGTH} characters`);
  }
  if (b[0] !== UNDERSCORE && !isAlpha(b[0])) {
    throw invalid('the first character of a database name must be an underscore or letter');
  }
  for (let i = 1; i < b.length; i++) {
    const c = b[i];
    if (c !== UNDERSCORE && !isAlpha(c) && !isNumber(c)) {
      throw invalid('database name can only contain numbers, letters and underscores');
    }
  }
}

/**
 * `validateCollectionNameOrAlias` (collection RPCs: `validateCollectionName`, aliases: `ValidateCollectionAlias`), not
 * trimmed, no `$`. Go's format puts two spaces after the `Invalid collection …. ` prefix.
 */
export function validateCollectionNameOrAlias(name: string, entityType: 'name' | 'alias'): void {
  if (name === '') throw fail.invalid(`collection ${entityType} should not be empty`);
  const b = bytesOf(name);
  const prefix = `Invalid collection ${entityType}: ${name}. `;
  if (b.length > MAX_NAME_LENGTH) {
    throw fail.invalid(
      `${prefix} the length of a collection ${entityType} must be less than ${MAX_NAME_LENGTH} characters`,
    );
  }
  if (b[0] !== UNDERSCORE && !isAlpha(b[0])) {
    throw fail.invalid(`${prefix} the first character of a collection ${entityType} must be an underscore or letter`);
  }
  for (let i = 1; i < b.length; i++) {
    const c = b[i];
    if (c !== UNDERSCORE && !isAlpha(c) && !isNumber(c)) {
      throw fail.invalid(`${prefix} collection ${entityType} can only contain numbers, letters and underscores`);
    }
  }
}

/** `ValidateUserDescription` (2.6.19+, `proxy.maxUserDescriptionLength` 1024). */
export function validateUserDescription(text: string): void {
  const len = bytesOf(text).length;
  if (len > 1024) {
    throw fail.invalid(
      `invalid user description with length ${len}, the length of user description must be less than or equal to 1024`,
    );
  }
}

/** `rbacutil.ValidateRoleDescription` (2.6.19+, `proxy.maxRoleDescriptionLength` 1024). */
export function validateRoleDescription(text: string): void {
  const len = bytesOf(text).length;
  if (len > 1024) {
    throw fail.invalidRaw(
      `the length of role description must be not greater than limit: invalid parameter[${len} out of range 0 <= value <= 1024]`,
    );
  }
}
