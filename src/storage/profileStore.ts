import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { AuthMode, ConnectionProfile, RuleProfileId, TlsMode, TlsSettings } from '../core/types';

export const PROFILES_KEY = 'milvusAccessManager.connections.v1';
const SCHEMA_VERSION = 1;

interface StoredProfilesV1 {
  version: 1;
  profiles: ConnectionProfile[];
}

/** A profile as given by the settings or a caller: no id yet, most fields optional. */
export interface ProfileInput {
  id?: string;
  name: string;
  uri: string;
  database?: string;
  auth?: AuthMode;
  username?: string;
  tls?: Partial<TlsSettings>;
  sessionOnly?: boolean;
  askSecret?: boolean;
  ruleProfile?: RuleProfileId | 'auto';
}

const AUTH_MODES: readonly AuthMode[] = ['none', 'password', 'token'];
const TLS_MODES: readonly TlsMode[] = ['off', 'oneWay', 'mutual'];

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Copies only the known, non-secret fields, so that a stray `password` or `token` property on the input can never
 * reach global state.
 */
export function normalizeProfile(input: ProfileInput, id: string = input.id ?? randomUUID()): ConnectionProfile {
  const auth = AUTH_MODES.includes(input.auth as AuthMode) ? (input.auth as AuthMode) : 'none';
  const tlsMode = TLS_MODES.includes(input.tls?.mode as TlsMode) ? (input.tls?.mode as TlsMode) : 'off';
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
    database: optionalString(input.database) ?? 'default',
    auth,
    tls,
  };
  const username = optionalString(input.username);
  if (auth === 'password' && username) profile.username = username;
  if (input.sessionOnly) profile.sessionOnly = true;
  if (input.askSecret === true && auth !== 'none') profile.askSecret = true;
  if (input.ruleProfile && input.ruleProfile !== 'auto') profile.ruleProfile = input.ruleProfile;
  return profile;
}

/** Upgrades whatever an older version stored. Add a case per schema change; never drop what cannot be read. */
export function migrateStoredProfiles(raw: unknown): StoredProfilesV1 | undefined {
  if (raw === undefined || raw === null) return { version: SCHEMA_VERSION, profiles: [] };
  if (typeof raw !== 'object') return undefined;
  const record = raw as { version?: unknown; profiles?: unknown };
  if (record.version === 1 && Array.isArray(record.profiles)) {
    const profiles = record.profiles
      .filter(
        (p): p is ProfileInput =>
          typeof p === 'object' &&
          p !== null &&
          typeof (p as ProfileInput).name === 'string' &&
          typeof (p as ProfileInput).uri === 'string',
      )
      .map((p) => normalizeProfile(p, typeof p.id === 'string' ? p.id : randomUUID()));
    return { version: 1, profiles };
  }
  return undefined;
}

/**
 * Saved connections (no secrets) in the extension's global state under a versioned key; session-only connections are
 * kept in memory and vanish with the window.
 */
export class ProfileStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly session = new Map<string, ConnectionProfile>();
  /** Set when global state holds a schema this version cannot read; we then refuse to overwrite it. */
  private unreadable = false;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly onWarning: (message: string) => void = () => undefined,
  ) {}

  list(): ConnectionProfile[] {
    return [...this.persisted(), ...this.session.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(id: string): ConnectionProfile | undefined {
    return this.session.get(id) ?? this.persisted().find((p) => p.id === id);
  }

  /** Inserts or replaces (by id). Returns the stored form. */
  async save(input: ProfileInput): Promise<ConnectionProfile> {
    const profile = normalizeProfile(input);
    const others = this.persisted().filter((p) => p.id !== profile.id);
    if (profile.sessionOnly) {
      this.session.set(profile.id, profile);
      if (others.length !== this.persisted().length) await this.write(others);
    } else {
      this.session.delete(profile.id);
      await this.write([...others, profile]);
    }
    this.changed.fire();
    return profile;
  }

  async remove(id: string): Promise<boolean> {
    const inSession = this.session.delete(id);
    const before = this.persisted();
    const after = before.filter((p) => p.id !== id);
    if (after.length !== before.length) await this.write(after);
    const removed = inSession || after.length !== before.length;
    if (removed) this.changed.fire();
    return removed;
  }

  /** Adds each seed that no saved connection matches by name and URI. Returns the profiles added. */
  async addSeeds(seeds: readonly ProfileInput[]): Promise<ConnectionProfile[]> {
    const added: ConnectionProfile[] = [];
    for (const seed of seeds) {
      if (typeof seed?.name !== 'string' || typeof seed?.uri !== 'string') continue;
      const exists = this.list().some((p) => p.name === seed.name.trim() && p.uri === seed.uri.trim());
      if (!exists) added.push(await this.save({ ...seed, id: undefined, sessionOnly: false }));
    }
    return added;
  }

  findByNameAndUri(name: string, uri: string): ConnectionProfile | undefined {
    return this.list().find((p) => p.name === name && p.uri === uri);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private persisted(): ConnectionProfile[] {
    const stored = migrateStoredProfiles(this.memento.get<unknown>(PROFILES_KEY));
    if (!stored) {
      if (!this.unreadable)
        this.onWarning(`Saved connections use a newer or unknown format (${PROFILES_KEY}); they are left untouched.`);
      this.unreadable = true;
      return [];
    }
    return stored.profiles;
  }

  private async write(profiles: ConnectionProfile[]): Promise<void> {
    if (this.unreadable) {
      throw new Error(
        vscode.l10n.t(
          'Saved connections were written by a newer version of this extension; update it before changing them.',
        ),
      );
    }
    const value: StoredProfilesV1 = { version: SCHEMA_VERSION, profiles: profiles.filter((p) => !p.sessionOnly) };
    await this.memento.update(PROFILES_KEY, value);
  }
}
