// Proxy-side input checks (§3.1). Validity comes from src/core/rules/checks.ts; the reason texts are Milvus's own.
import {
  checkDatabaseName,
  checkDescription,
  checkPassword,
  checkPrivilegeGroupName,
  checkRoleName,
  checkUsername,
  goTrimSpace,
  type RuleProfileId,
  type RuleViolation,
} from '../../src/core/rules/checks';
import { RULE_PROFILES } from '../../src/core/rules/profiles';
import { fail, MilvusFailure } from './status';

const encoder = new TextEncoder();

/** The first UTF-8 byte of a character: Go validators walk bytes, not runes. */
function firstByte(c: string | undefined): number {
  return encoder.encode(c ?? '')[0] ?? 0;
}

/** How Go prints a byte with `%c` / `string(byte)`: the code point of that byte value. */
function byteAsChar(c: string | undefined): string {
  return String.fromCharCode(firstByte(c));
}

/** The 2.5 line and older print some of these texts differently (§3.1's "2.5:" notes). */
function isLine25(profile: RuleProfileId): boolean {
  return profile === 'milvus-2.4' || profile === 'milvus-2.5';
}

function kind(v: RuleViolation): string {
  return v.rule.slice(v.rule.indexOf('.') + 1);
}

/** `ValidateUsername`; returns the trimmed name. */
export function validateUsername(raw: string, profile: RuleProfileId): string {
  const name = goTrimSpace(raw);
  const v = checkUsername(raw, profile);
  if (!v) return name;
  switch (kind(v)) {
    case 'empty':
      throw fail.invalid('username must be not empty');
    case 'tooLong': {
      // 2.5 formats the configured max (a string) with %d.
      const limit = isLine25(profile) ? `%!d(string=${v.detail?.limit ?? 32})` : String(v.detail?.limit ?? 32);
      throw fail.invalid(
        `invalid username ${name} with length ${v.detail?.length ?? 0}, the length of username must be less than ${limit}`,
      );
    }
    case 'firstChar':
      throw fail.invalid(
        `invalid user name ${name}, the first character must be a letter, but got ${byteAsChar(v.detail?.char)}`,
      );
    default: {
      const allowed = isLine25(profile)
        ? 'numbers, letters and underscores'
        : 'numbers, letters, underscores, dots, and hyphens';
      throw fail.invalid(
        `invalid user name ${name}, username must contain only ${allowed}, but got %!s(uint8=${firstByte(v.detail?.char)})`,
      );
    }
  }
}

/** `ValidatePassword` on the decoded password. */
export function validatePassword(password: string, profile: RuleProfileId): void {
  const v = checkPassword(password, profile);
  if (!v) return;
  const len = encoder.encode(password).length;
  throw fail.invalidRaw(
    `invalid password length: invalid parameter[${len} out of range 6 <= value <= ${RULE_PROFILES[profile].passwordMaxBytes}]`,
  );
}

/** `validateNameWithCustomChars` for role names, object names and privilege names (allowed extra chars: `$`). */
export function validateName(raw: string, nameType: string, profile: RuleProfileId): void {
  const v = checkRoleName(raw, profile);
  if (!v) return;
  switch (kind(v)) {
    case 'empty':
      throw fail.invalidRaw(`${nameType} should be not empty: invalid parameter[expected=not empty][actual=]`);
    case 'tooLong':
      throw fail.invalidRaw(
        `the length of ${nameType} must be not greater than limit: invalid parameter[${v.detail?.length ?? 0} out of range 0 <= value <= 255]`,
      );
    case 'firstChar':
      throw fail.invalidRaw(
        `the first character of ${nameType} must be an underscore or letter: invalid parameter[expected=95][actual=${firstByte(v.detail?.char)}]`,
      );
    default: {
      const allowed = isLine25(profile)
        ? 'numbers, letters, dollars and underscores'
        : 'numbers, letters, underscores, and allowed characters ($)';
      throw fail.invalid(
        `${nameType} can only contain ${allowed}, found ${byteAsChar(v.detail?.char)} at ${v.detail?.byteIndex ?? 0}`,
      );
    }
  }
}

export function validateRoleName(raw: string, profile: RuleProfileId): void {
  validateName(raw, 'role name', profile);
}

/** `ValidateObjectName`: `*` or a name. */
export function validateObjectName(raw: string, profile: RuleProfileId): void {
  if (raw !== '*') validateName(raw, 'object name', profile);
}

/** `ValidatePrivilege`: `*` or a name. */
export function validatePrivilegeName(raw: string, profile: RuleProfileId): void {
  if (raw !== '*') validateName(raw, 'Privilege', profile);
}

/** `ValidatePrivilegeGroupName`, quirky messages included (§3.1). */
export function validatePrivilegeGroupName(name: string, profile: RuleProfileId): void {
  const v = checkPrivilegeGroupName(name, profile);
  if (!v) return;
  const invalid = (prefix: string, what: string) =>
    new MilvusFailure(1402, `${prefix}invalid privilege group name[privilegeGroup=${what}]`);
  switch (kind(v)) {
    case 'empty':
      throw invalid('', 'privilege group name should not be empty');
    case 'tooLong':
      throw invalid(`${name}->255: `, 'the length of a privilege group name %s must be less than %s characters');
    case 'firstChar':
      throw invalid(`${name}: `, 'the first character of a privilege group name %s must be an underscore or letter');
    default:
      throw fail.invalid(`privilege group name ${name} can only contain numbers, letters and underscores`);
  }
}

/** `ValidateDatabaseName`: code 802. */
export function validateDatabaseName(name: string): void {
  if (checkDatabaseName(name)) throw new MilvusFailure(802, `invalid database name[database=${name}]`);
}

/** `ValidateCollectionName` (V2 grants, collection RPCs). */
export function validateCollectionName(name: string, profile: RuleProfileId): void {
  if (name === '') throw fail.invalid('collection name should be not empty');
  const v = checkRoleName(name, profile);
  if (!v) return;
  const why =
    kind(v) === 'tooLong'
      ? 'the length of a collection name must be less than 255 characters'
      : kind(v) === 'firstChar'
        ? 'the first character of a collection name must be an underscore or letter'
        : 'collection name can only contain numbers, letters and underscores';
  throw fail.invalid(`Invalid collection name: ${name}. ${why}`);
}

export function validateUserDescription(text: string): void {
  const v = checkDescription(text, 'user');
  if (v) {
    throw fail.invalidRaw(
      `invalid user description with length ${v.detail?.length ?? 0}, the length of user description must be less than or equal to 1024`,
    );
  }
}

export function validateRoleDescription(text: string): void {
  const v = checkDescription(text, 'role');
  if (v) {
    throw fail.invalidRaw(
      `the length of role description must be not greater than limit: invalid parameter[${v.detail?.length ?? 0} out of range 0 <= value <= 1024]`,
    );
  }
}
