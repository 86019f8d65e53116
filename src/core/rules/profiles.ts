// The rule profiles: which naming and password limits a Milvus era (or Zilliz Cloud) enforces, and how a server's
// version picks one (docs/milvus-behaviour.md §3.1, §9). Labels are getters: they translate when read (l10n.t).
import * as l10n from '@vscode/l10n';
import type { RuleProfileId } from '../types';

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
    get label() {
      return l10n.t('Milvus 2.4 and earlier');
    },
    get description() {
      return l10n.t('Passwords 6–256 bytes; usernames: letters, digits, _');
    },
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
    get label() {
      return l10n.t('Milvus 2.5');
    },
    get description() {
      return l10n.t('Passwords 6–72 bytes; usernames: letters, digits, _');
    },
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
    get label() {
      return l10n.t('Milvus 2.6 and later');
    },
    get description() {
      return l10n.t('Passwords 6–72 bytes; usernames: letters, digits, _ - .');
    },
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
    get label() {
      return l10n.t('Zilliz Cloud');
    },
    get description() {
      return l10n.t('Passwords 8–64 characters with 3 of upper, lower, digit, special');
    },
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

/** The profile for an id, falling back to the default for an unknown one (e.g. from an old setting). */
export function ruleProfile(id: RuleProfileId): Readonly<RuleProfile> {
  return RULE_PROFILES[id] ?? RULE_PROFILES[DEFAULT_RULE_PROFILE];
}

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
