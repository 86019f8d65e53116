// A new user, role or privilege group must not take a name the server already has: checked as the name is typed,
// against the listing the command already read, so the server's "already exists" refusal is the exception.
import * as l10n from '@vscode/l10n';
import { normalizeName } from './checks';

export type NamedThing = 'user' | 'role' | 'privilege group';

/**
 * The message for a name that is taken, or undefined. Users and roles are compared as the server stores them
 * (trimmed); privilege-group names are never trimmed by the server. `existing` undefined = the listing could not be
 * read, so nothing is flagged.
 */
export function takenNameMessage(
  kind: NamedThing,
  name: string,
  existing: Iterable<string> | undefined,
): string | undefined {
  if (existing === undefined) return undefined;
  const key = kind === 'privilege group' ? name : normalizeName(name);
  if (key === '') return undefined;
  for (const taken of existing) {
    if (taken !== key) continue;
    if (kind === 'user') return l10n.t('A user named "{0}" already exists. Choose another name.', key);
    if (kind === 'role') return l10n.t('A role named "{0}" already exists. Choose another name.', key);
    return l10n.t('A privilege group named "{0}" already exists. Choose another name.', key);
  }
  return undefined;
}
