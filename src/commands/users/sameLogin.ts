// After a password change, every saved connection that logs in as that user on that server would fail on its next
// connect. The one the change was made through is updated by the caller; this offers to update the others.
import * as vscode from 'vscode';
import type { ConnectionProfile, ConnectionSecret } from '../../core/types';
import { serverAddress } from '../../core/milvus/uri';
import { secretInMemory } from '../../storage/secretVault';
import type { Services } from '../kit/services';

/** `host:port` of a saved connection, lower-cased, or undefined when its address does not parse. */
function serverOf(profile: ConnectionProfile): string | undefined {
  return serverAddress(profile.uri)?.toLowerCase();
}

/** The secret that logs `profile` in as `user` with `newPassword`, or undefined when it does not log in as `user`. */
export function secretFor(
  profile: ConnectionProfile,
  stored: ConnectionSecret | undefined,
  user: string,
  newPassword: string,
): ConnectionSecret | undefined {
  if (profile.auth === 'password' && profile.username === user) return { password: newPassword };
  if (profile.auth === 'token' && stored?.token?.startsWith(`${user}:`)) return { token: `${user}:${newPassword}` };
  return undefined;
}

export interface SameLogin {
  profile: ConnectionProfile;
  secret: ConnectionSecret;
}

/** Saved connections other than `except` that log in as `user` on the same server, with the secret each needs now. */
export async function otherLoginsAs(
  services: Services,
  except: ConnectionProfile,
  user: string,
  newPassword: string,
): Promise<SameLogin[]> {
  const server = serverOf(except);
  if (server === undefined) return [];
  const found: SameLogin[] = [];
  for (const profile of services.profiles.list()) {
    if (profile.id === except.id || profile.auth === 'none' || serverOf(profile) !== server) continue;
    // A connection whose token cannot be read (keychain locked or gone) is left as it is.
    const stored =
      profile.auth === 'token'
        ? await services.vault.get(profile.id, secretInMemory(profile)).catch(() => undefined)
        : undefined;
    const secret = secretFor(profile, stored, user, newPassword);
    if (secret) found.push({ profile, secret });
  }
  return found;
}

/**
 * Asks (unless `answer` is given) whether to store the new password for the other connections too, then stores it and
 * closes the open ones, which reconnect with it on their next use. Returns the names of the connections updated.
 */
export async function updateOtherLogins(
  services: Services,
  others: readonly SameLogin[],
  user: string,
  answer?: boolean,
): Promise<string[]> {
  if (others.length === 0) return [];
  const names = others.map((o) => o.profile.name);
  const one = others.length === 1;
  const updateButton = vscode.l10n.t('Update');
  const update =
    answer ??
    (await services.confirmations.ask(
      one
        ? vscode.l10n.t(
            'Another saved connection logs in as {0} on this server. Store the new password for it too?',
            user,
          )
        : vscode.l10n.t(
            '{count} other saved connections log in as {user} on this server. Store the new password for them too?',
            { count: others.length, user },
          ),
      `${names.join(', ')}\n\n${
        one
          ? vscode.l10n.t('Otherwise it fails on the next connect with "wrong username or password".')
          : vscode.l10n.t('Otherwise they fail on the next connect with "wrong username or password".')
      }`,
      updateButton,
    )) === updateButton;
  if (!update) return [];
  for (const { profile, secret } of others) {
    await services.vault.store(profile.id, secret, secretInMemory(profile));
    if (services.connections.isConnected(profile.id)) await services.connections.disconnect(profile.id, false);
  }
  return names;
}
