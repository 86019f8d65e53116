// What every assistant tool shares: the connection it answers from (named, or the active one), the read through the
// connection manager (the SDK loads on the first invocation, never at activation), and the answer's first line, which
// names the connection by its name (never its address or a secret).
import * as vscode from 'vscode';
import type { AdminApi } from '../core/adminApi';
import type { ConnectionProfile } from '../core/types';
import type { ConnectionManager } from '../connections/connectionManager';
import type { Log } from '../log';
import type { HealthProblems } from '../rbacEditor/healthProblems';
import type { ProfileStore } from '../storage/profileStore';

export interface ToolServices {
  profiles: ProfileStore;
  connections: ConnectionManager;
  log: Log;
  health: HealthProblems;
}

/** Every tool takes the connection by its saved name; absent: the active connection. */
export interface ConnectionInput {
  connection?: string;
}

/** A tool whose input the model wrote: refused with a sentence the model can act on. */
export class ToolInputError extends Error {}

function savedNames(profiles: readonly ConnectionProfile[]): string {
  return profiles.map((p) => `"${p.name}"`).join(', ');
}

/** The connection a tool answers from: the one named (exactly, else the only one whose name matches in any case), or the active one. */
export function toolConnection(services: ToolServices, name: string | undefined): ConnectionProfile {
  const saved = services.profiles.list();
  if (saved.length === 0)
    throw new ToolInputError(vscode.l10n.t('No Milvus connection is saved. Add one in the Milvus view first.'));
  const wanted = name?.trim();
  if (wanted) {
    const folded = saved.filter((p) => p.name.toLowerCase() === wanted.toLowerCase());
    const found = saved.find((p) => p.name === wanted) ?? (folded.length === 1 ? folded[0] : undefined);
    if (found) return found;
    throw new ToolInputError(
      vscode.l10n.t('There is no saved connection named "{name}". Saved connections: {names}.', {
        name: wanted,
        names: savedNames(saved),
      }),
    );
  }
  const active = services.connections.active?.profile;
  if (active) return active;
  if (saved.length === 1 && saved[0]) return saved[0];
  throw new ToolInputError(
    vscode.l10n.t('No connection is active. Name one of the saved connections: {names}.', {
      names: savedNames(saved),
    }),
  );
}

/** Reads through the connection (connecting first when needed) and answers with its name above the text. */
export async function answerFrom(
  services: ToolServices,
  input: ConnectionInput,
  answer: (api: AdminApi, profile: ConnectionProfile) => Promise<string[]>,
): Promise<vscode.LanguageModelToolResult> {
  const profile = toolConnection(services, input.connection);
  // A refused input is the model's to correct, not a server failure: it passes the connection manager unwrapped.
  let refused: ToolInputError | undefined;
  const { version, lines } = await services.connections.run(profile.id, async (api) => {
    try {
      return { version: api.info.version, lines: await answer(api, profile) };
    } catch (error) {
      if (!(error instanceof ToolInputError)) throw error;
      refused = error;
      return { version: '', lines: [] };
    }
  });
  if (refused) throw refused;
  const heading = vscode.l10n.t('Answered from the connection "{name}" (Milvus {version}); nothing was changed.', {
    name: profile.name,
    version,
  });
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart([heading, '', ...lines].join('\n'))]);
}

/** A required text field of the model's input. */
export function required(value: unknown, field: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new ToolInputError(vscode.l10n.t('The input needs "{0}".', field));
}

/** An optional text field: trimmed, or undefined when empty. */
export function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The connection a prepared invocation names, for its message. */
export function connectionLabel(input: ConnectionInput): string {
  return optional(input.connection) ?? vscode.l10n.t('the active connection');
}

/** At most this many rows in an answer: an assistant's context is small, and the extension's report lists them all. */
export const MAX_ROWS = 100;

/** The rows to show, and a line saying how many were left out (none when all fit). */
export function capped<T>(rows: readonly T[]): { shown: T[]; more: string[] } {
  if (rows.length <= MAX_ROWS) return { shown: [...rows], more: [] };
  return {
    shown: rows.slice(0, MAX_ROWS),
    more: [
      vscode.l10n.t('… and {count} more (the first {shown} are shown; the report in the extension lists all).', {
        count: rows.length - MAX_ROWS,
        shown: MAX_ROWS,
      }),
    ],
  };
}
