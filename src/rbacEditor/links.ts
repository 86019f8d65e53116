// The workspace setting that links connections to RBAC files in the workspace ("this file is what Prod should hold"):
// `milvusAccessManager.rbacFileLinks`: { "<connection name>": "<path relative to the workspace folder>" }.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../core/types';

export const LINKS_SETTING = 'milvusAccessManager.rbacFileLinks';

function links(): Record<string, unknown> {
  const value = vscode.workspace.getConfiguration().get<unknown>(LINKS_SETTING, {});
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function resolve(file: string): vscode.Uri | undefined {
  if (path.isAbsolute(file)) return vscode.Uri.file(file);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, file) : undefined;
}

/** The workspace file the connection is linked to, if any. */
export function linkedFile(profile: ConnectionProfile): vscode.Uri | undefined {
  const file = links()[profile.name];
  return typeof file === 'string' && file.trim() !== '' ? resolve(file.trim()) : undefined;
}

/** The connections linked to `file`. */
export function linkedTo(profiles: readonly ConnectionProfile[], file: vscode.Uri): ConnectionProfile[] {
  return profiles.filter((p) => linkedFile(p)?.toString() === file.toString());
}
