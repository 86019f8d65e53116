// The safety net: a local copy of a server's RBAC model, kept in the extension's global storage per connection before
// every apply and every destructive tree action. A snapshot is an RBAC file (names, grants, bindings; never a password
// or hash: BackupRBAC's hashes are dropped by buildRbacFile), so restoring it is an ordinary planned apply.
import * as vscode from 'vscode';
import type { AdminApi } from '../core/adminApi';
import { serializeRbacFile } from '../core/rbac/file';
import type { ConnectionProfile } from '../core/types';
import { RBAC_FILE_SUFFIX } from './rbacDiagnostics';
import { serverModel } from './serverModel';

export interface Snapshot {
  connectionId: string;
  /** The snapshot's file (an RBAC file). */
  file: vscode.Uri;
  /** ISO date and time. */
  takenAt: string;
  /** Why it was taken, e.g. `before dropping role reader`. */
  reason: string;
}

interface IndexEntry {
  name: string;
  takenAt: string;
  reason: string;
}

/** Snapshots kept per connection; the oldest go first. */
const KEEP = 50;
const INDEX = 'index.json';

export class SnapshotStore {
  constructor(private readonly root: vscode.Uri) {}

  private folder(connectionId: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, 'rbac-snapshots', encodeURIComponent(connectionId));
  }

  private async index(connectionId: string): Promise<IndexEntry[]> {
    try {
      const text = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folder(connectionId), INDEX)),
      );
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? (parsed as IndexEntry[]) : [];
    } catch {
      return [];
    }
  }

  /** Reads the server's model through `api` and keeps it. */
  async take(api: AdminApi, profile: ConnectionProfile, reason: string, now = new Date()): Promise<Snapshot> {
    const model = await serverModel(api, profile, now);
    const folder = this.folder(profile.id);
    await vscode.workspace.fs.createDirectory(folder);
    const takenAt = now.toISOString();
    const entries = await this.index(profile.id);
    let name = `${takenAt.replace(/[:.]/g, '-')}${RBAC_FILE_SUFFIX}`;
    if (entries.some((e) => e.name === name))
      name = name.replace(RBAC_FILE_SUFFIX, `-${entries.length}${RBAC_FILE_SUFFIX}`);
    const file = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(serializeRbacFile(model)));
    entries.push({ name, takenAt, reason });
    const dropped = entries.splice(0, Math.max(0, entries.length - KEEP));
    for (const old of dropped)
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, old.name)).then(undefined, () => undefined);
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, INDEX),
      new TextEncoder().encode(JSON.stringify(entries, null, 2)),
    );
    return { connectionId: profile.id, file, takenAt, reason };
  }

  /** The connection's snapshots, newest first. */
  async list(connectionId: string): Promise<Snapshot[]> {
    const folder = this.folder(connectionId);
    return (await this.index(connectionId))
      .map((e) => ({ connectionId, file: vscode.Uri.joinPath(folder, e.name), takenAt: e.takenAt, reason: e.reason }))
      .reverse();
  }

  /** Forgets a removed connection's snapshots. */
  async remove(connectionId: string): Promise<void> {
    await vscode.workspace.fs.delete(this.folder(connectionId), { recursive: true }).then(undefined, () => undefined);
  }
}
