// The shape of the saved connections in global state, and how a profile is normalised before it is stored. Pure: no
// 'vscode' import, so unit tests read stored data with it.
import { randomUUID } from 'node:crypto';
import {
  AUTH_MODES,
  ConnectionProfileSchema,
  DEFAULT_DATABASE,
  TLS_MODES,
  type ConnectionProfile,
  type ProfileInput,
  type TlsSettings,
} from '../core/connectionSchema';
import { checkShape } from '../core/schema';

export const PROFILES_KEY = 'milvusAccessManager.connections.v1';
export const SCHEMA_VERSION = 1;

export interface StoredProfilesV1 {
  version: 1;
  /** Profiles, and entries this version cannot read (kept as they are). */
  profiles: unknown[];
}

/** What global state holds, as read: the profiles, the entries that do not fit, and why each does not. */
export interface ReadProfiles {
  profiles: ConnectionProfile[];
  unreadable: unknown[];
  problems: string[];
}

const includes = <T extends string>(list: readonly T[], value: unknown): value is T => list.includes(value as T);

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Copies only the known, non-secret fields, so that a stray `password` or `token` property on the input can never
 * reach global state.
 */
export function normalizeProfile(input: ProfileInput, id: string = input.id ?? randomUUID()): ConnectionProfile {
  const auth = includes(AUTH_MODES, input.auth) ? input.auth : 'none';
  const tlsMode = includes(TLS_MODES, input.tls?.mode) ? input.tls.mode : 'off';
  const tls: TlsSettings = { mode: tlsMode };
  if (tlsMode !== 'off') {
    const caPath = optionalString(input.tls?.caPath);
    const serverName = optionalString(input.tls?.serverName);
    if (caPath) tls.caPath = caPath;
    if (serverName) tls.serverName = serverName;
  }
  if (tlsMode === 'mutual') {
    const certPath = optionalString(input.tls?.certPath);
    const keyPath = optionalString(input.tls?.keyPath);
    if (certPath) tls.certPath = certPath;
    if (keyPath) tls.keyPath = keyPath;
  }
  const profile: ConnectionProfile = {
    id,
    name: input.name.trim(),
    uri: input.uri.trim(),
    database: optionalString(input.database) ?? DEFAULT_DATABASE,
    auth,
    tls,
  };
  const username = optionalString(input.username);
  if (auth === 'password' && username) profile.username = username;
  if (input.sessionOnly) profile.sessionOnly = true;
  if (input.askSecret === true && auth !== 'none') profile.askSecret = true;
  if (input.ruleProfile && input.ruleProfile !== 'auto') profile.ruleProfile = input.ruleProfile;
  if (input.flavor && input.flavor !== 'auto') profile.flavor = input.flavor;
  return profile;
}

/**
 * Reads what global state holds, checked against the profile schema. Upgrades whatever an older version stored: add a
 * case per schema change. Never drops what cannot be read: an entry that does not fit is kept as it is.
 */
export function migrateStoredProfiles(raw: unknown): ReadProfiles | undefined {
  if (raw === undefined || raw === null) return { profiles: [], unreadable: [], problems: [] };
  if (typeof raw !== 'object') return undefined;
  const record = raw as { version?: unknown; profiles?: unknown };
  if (record.version !== 1 || !Array.isArray(record.profiles)) return undefined;
  const read: ReadProfiles = { profiles: [], unreadable: [], problems: [] };
  record.profiles.forEach((entry: unknown, index) => {
    const checked = checkShape(ConnectionProfileSchema, entry, `profiles[${index}]`);
    if (checked.ok) read.profiles.push(normalizeProfile(checked.value, checked.value.id));
    else {
      read.unreadable.push(entry);
      read.problems.push(`${checked.at}: ${checked.message}`);
    }
  });
  return read;
}
