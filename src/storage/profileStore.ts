import * as vscode from 'vscode';
import type { ConnectionProfile, ProfileInput, SeedConnection } from '../core/connectionSchema';
import {
  migrateStoredProfiles,
  normalizeProfile,
  PROFILES_KEY,
  SCHEMA_VERSION,
  type ReadProfiles,
  type StoredProfilesV1,
} from './storedProfiles';

export { normalizeProfile, PROFILES_KEY, type ProfileInput };

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
  /** Problems with single saved entries already reported, so that each is logged once. */
  private readonly reported = new Set<string>();

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

  /**
   * Adds each seed that no connection matches by name and URI. Returns the profiles added. A session-only seed is
   * added again in each session.
   */
  async addSeeds(seeds: readonly SeedConnection[]): Promise<ConnectionProfile[]> {
    const added: ConnectionProfile[] = [];
    for (const seed of seeds) {
      const exists = this.list().some((p) => p.name === seed.name.trim() && p.uri === seed.uri.trim());
      if (!exists) added.push(await this.save({ ...seed, id: undefined }));
    }
    return added;
  }

  findByNameAndUri(name: string, uri: string): ConnectionProfile | undefined {
    return this.list().find((p) => p.name === name && p.uri === uri);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private read(): ReadProfiles | undefined {
    const stored = migrateStoredProfiles(this.memento.get<unknown>(PROFILES_KEY));
    if (!stored) {
      if (!this.unreadable)
        this.onWarning(`Saved connections use a newer or unknown format (${PROFILES_KEY}); they are left untouched.`);
      this.unreadable = true;
      return undefined;
    }
    for (const problem of stored.problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      this.onWarning(`A saved connection cannot be read and is left untouched: ${problem}`);
    }
    return stored;
  }

  private persisted(): ConnectionProfile[] {
    return this.read()?.profiles ?? [];
  }

  private async write(profiles: ConnectionProfile[]): Promise<void> {
    const stored = this.read();
    if (this.unreadable || !stored) {
      throw new Error(
        vscode.l10n.t(
          'Saved connections were written by a newer version of this extension; update it before changing them.',
        ),
      );
    }
    const value: StoredProfilesV1 = {
      version: SCHEMA_VERSION,
      profiles: [...stored.unreadable, ...profiles.filter((p) => !p.sessionOnly)],
    };
    await this.memento.update(PROFILES_KEY, value);
  }
}
