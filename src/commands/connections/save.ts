import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { MilvusError } from '../../core/errors/milvusError';
import type { ConnectionProfile, ConnectionSecret, ServerInfo } from '../../core/types';
import { isUriViolation, parseConnectionUri } from '../../core/milvus/uri';
import { KeychainUnavailableError } from '../../storage/backends/keytarBackend';
import { normalizeProfile, type ProfileInput } from '../../storage/profileStore';
import { secretInMemory } from '../../storage/secretVault';
import { takenConnectionName } from '../../webview/connectionModel';
import { offerSecretStorage } from './keychain';
import type { Services } from '../kit/services';

/** A profile to save plus its secret: `secret` undefined = keep the stored one (an ask-on-connect profile stores none). */
export interface ConnectionInput {
  profile: ProfileInput;
  secret?: ConnectionSecret;
}

/** Fields whose change means an open client no longer matches the profile. */
const CONNECTION_FIELDS = ['uri', 'database', 'auth', 'username', 'tls'] as const;

/** Checks the fields the server cannot judge; returns the profile with its URI normalised. */
function validate(profile: ProfileInput): ProfileInput {
  if (!profile.name?.trim()) throw new MilvusError('invalidInput', vscode.l10n.t('Enter a name for the connection.'));
  const parsed = parseConnectionUri(profile.uri ?? '');
  if (isUriViolation(parsed)) throw new MilvusError('invalidInput', parsed.message);
  if (profile.auth === 'password' && !profile.username?.trim())
    throw new MilvusError('invalidInput', vscode.l10n.t('Enter a username, or choose no authentication.'));
  return { ...profile, uri: parsed.uri };
}

/** Stores a secret; when the OS keychain is unusable, asks whether to switch to SecretStorage and retries once. */
async function storeSecret(services: Services, profile: ConnectionProfile, secret: ConnectionSecret): Promise<void> {
  try {
    await services.vault.store(profile.id, secret, secretInMemory(profile));
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError) || !(await offerSecretStorage(error, services.log, true)))
      throw error;
    await services.vault.store(profile.id, secret, secretInMemory(profile));
  }
}

/** The secret to use for a draft: the one given, else the one stored for the same connection. */
export async function draftSecret(services: Services, input: ConnectionInput): Promise<ConnectionSecret | undefined> {
  if (input.secret !== undefined) return input.secret;
  const previous = input.profile.id ? services.profiles.get(input.profile.id) : undefined;
  return previous && previous.auth !== 'none' ? services.vault.get(previous.id, secretInMemory(previous)) : undefined;
}

/**
 * Connects with an unsaved draft and closes again; the form's "Test" button. An ask-on-connect draft with no password
 * typed (and none remembered) asks for one, and keeps nothing.
 */
export async function testDraft(services: Services, input: ConnectionInput): Promise<ServerInfo> {
  const profile = normalizeProfile(validate(input.profile), input.profile.id ?? 'draft');
  let secret = profile.auth === 'none' ? undefined : await draftSecret(services, input);
  if (profile.askSecret && !secret?.password && !secret?.token) secret = await services.connections.askSecret(profile);
  return services.connections.test(profile, secret);
}

/**
 * An ask-on-connect connection stores no secret: drop what an earlier mode stored, and the copy remembered in this
 * session (it may no longer fit; the next connect asks).
 */
async function dropSecret(services: Services, previous: ConnectionProfile | undefined): Promise<void> {
  if (!previous) return;
  if (previous.auth !== 'none' && !secretInMemory(previous)) await services.vault.delete(previous.id);
  else services.vault.forget(previous.id);
}

/**
 * Saves a new or edited connection. The secret is stored first, so a keychain failure leaves nothing half-saved; an
 * open client is closed when its connection settings changed.
 */
export async function saveConnection(services: Services, input: ConnectionInput): Promise<ConnectionProfile> {
  const previous = input.profile.id ? services.profiles.get(input.profile.id) : undefined;
  const profile = normalizeProfile(validate(input.profile), previous?.id ?? input.profile.id ?? randomUUID());
  const taken = takenConnectionName(
    profile.name,
    services.profiles
      .list()
      .filter((p) => p.id !== profile.id)
      .map((p) => p.name),
  );
  if (taken) throw new MilvusError('invalidInput', taken);

  if (profile.auth === 'none') {
    if (previous && previous.auth !== 'none') await services.vault.delete(profile.id);
  } else if (profile.askSecret) {
    await dropSecret(services, previous);
  } else if (input.secret !== undefined) {
    await storeSecret(services, profile, input.secret);
  } else if (previous && !previous.askSecret && Boolean(previous.sessionOnly) !== Boolean(profile.sessionOnly)) {
    // Moving between session-only and saved: carry the secret over. (An answer typed under "never stored" is not.)
    const secret = await services.vault.get(previous.id, secretInMemory(previous));
    if (secret) await storeSecret(services, profile, secret);
  }

  const saved = await services.profiles.save(profile);
  const changed =
    previous && CONNECTION_FIELDS.some((field) => JSON.stringify(previous[field]) !== JSON.stringify(saved[field]));
  if (previous && (changed || input.secret !== undefined) && services.connections.isConnected(saved.id)) {
    await services.connections.disconnect(saved.id, false);
  } else if (previous && (changed || input.secret !== undefined)) services.connections.settingsChanged(saved.id);
  services.log.info(
    `${previous ? 'Updated' : 'Added'} connection "${saved.name}" (${saved.uri}, auth ${saved.auth}, TLS ${saved.tls.mode}${saved.sessionOnly ? ', session only' : ''}${saved.askSecret ? ', secret asked on connect' : ''}).`,
  );
  return saved;
}
