// Builds the SDK's ClientConfig from a saved profile and its secret, after checking what can be checked locally.
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as l10n from '@vscode/l10n';
import type { ClientConfig } from '@zilliz/milvus2-sdk-node';
import { MilvusError } from '../errors/milvusError';
import type { ErrorContext } from '../errors/mapping';
import { secretVariants } from '../errors/redact';
import { REMEDIES } from '../errors/remedies';
import type { ConnectionProfile, ConnectionSecret, TlsMode } from '../types';
import { hostPort, isUriViolation, parseConnectionUri } from './uri';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Deadline of the health check (one GetVersion, never retried): short, so a dead server shows within 2 s. */
export const HEALTH_CHECK_DEADLINE_MS = 1_500;

export interface ConnectOptions {
  /** Deadline for every RPC, the connect included. */
  timeoutMs?: number;
}

export interface PreparedConnection {
  config: ClientConfig;
  /** `host:port` */
  address: string;
  tls: TlsMode;
  database: string;
  timeoutMs: number;
  /** Who the server sees: the username, or the user part of a `user:password` token (an API key names nobody). */
  loginUser: string | undefined;
  errorContext: ErrorContext;
}

type TlsFile = 'caPath' | 'certPath' | 'keyPath';

function notAFile(file: TlsFile, path: string): string {
  switch (file) {
    case 'caPath':
      return l10n.t('The CA certificate path "{path}" is not a file.', { path });
    case 'certPath':
      return l10n.t('The client certificate path "{path}" is not a file.', { path });
    case 'keyPath':
      return l10n.t('The client key path "{path}" is not a file.', { path });
  }
}

function unreadable(file: TlsFile, path: string, missing: boolean): string {
  switch (file) {
    case 'caPath':
      return missing
        ? l10n.t('The CA certificate file "{path}" does not exist.', { path })
        : l10n.t('The CA certificate file "{path}" cannot be read.', { path });
    case 'certPath':
      return missing
        ? l10n.t('The client certificate file "{path}" does not exist.', { path })
        : l10n.t('The client certificate file "{path}" cannot be read.', { path });
    case 'keyPath':
      return missing
        ? l10n.t('The client key file "{path}" does not exist.', { path })
        : l10n.t('The client key file "{path}" cannot be read.', { path });
  }
}

async function checkReadableFile(path: string, file: TlsFile): Promise<void> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) {
      throw new MilvusError('tls', notAFile(file, path), {}, REMEDIES.fixTls);
    }
    await fs.access(path, fsConstants.R_OK);
  } catch (e) {
    if (e instanceof MilvusError) {
      throw e;
    }
    const code = (e as { code?: unknown }).code;
    throw new MilvusError('tls', unreadable(file, path, code === 'ENOENT'), {}, REMEDIES.fixTls);
  }
}

function effectiveTlsMode(profile: ConnectionProfile, uriSaysTls: boolean): TlsMode {
  if (profile.tls.mode !== 'off') {
    return profile.tls.mode;
  }
  return uriSaysTls ? 'oneWay' : 'off';
}

/**
 * Validates the profile (address, credentials present, TLS files readable) and returns the SDK config.
 * Rejects with a MilvusError ('invalidInput' or 'tls'); nothing is sent.
 */
export async function prepareConnection(
  profile: ConnectionProfile,
  secret: ConnectionSecret | undefined,
  opts: ConnectOptions = {},
): Promise<PreparedConnection> {
  const parsed = parseConnectionUri(profile.uri);
  if (isUriViolation(parsed)) {
    throw new MilvusError('invalidInput', parsed.message);
  }
  const address = hostPort(parsed.host, parsed.port);
  // The form normally copies a pasted URI's user and database into their fields; the URI fills them when left empty.
  const database = profile.database.trim() || parsed.database || 'default';
  const timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_TIMEOUT_MS;

  const config: ClientConfig = {
    address,
    database,
    timeout: timeoutMs,
    telemetry: { enabled: false },
    // The SDK's retry interceptor re-sends a unary call without half-closing it, so against servers that wait for the
    // end of the request (grpc-js ones) a retried call hangs until the deadline. MilvusAdmin retries UNAVAILABLE itself.
    maxRetries: 0,
    isGlobal: false,
    // A private subchannel pool per client: a reconnect after a server restart must not inherit another client's
    // connection that is still backing off (grpc-js shares subchannels across channels by default).
    channelOptions: { 'grpc.use_local_subchannel_pool': 1 },
    __SKIP_CONNECT__: true,
  };

  const username = profile.username?.trim() || parsed.username;
  if (profile.auth === 'password') {
    if (!username) {
      throw new MilvusError('invalidInput', l10n.t('The connection has no username.'), {}, REMEDIES.enterUsername);
    }
    if (!secret?.password) {
      const problem = l10n.t('No password is stored for {user}.', { user: username });
      throw new MilvusError('invalidInput', problem, {}, REMEDIES.enterSecret);
    }
    config.username = username;
    config.password = secret.password;
  } else if (profile.auth === 'token') {
    if (!secret?.token) {
      const problem = l10n.t('No token is stored for this connection.');
      throw new MilvusError('invalidInput', problem, {}, REMEDIES.enterSecret);
    }
    config.token = secret.token;
  } else {
    // With authentication off the server ignores credentials, but grants still need a caller name to record as grantor
    // ("fail to get authorization from the md" otherwise, docs/milvus-behaviour.md §3.3 G1): name root, which always exists.
    config.token = 'root:';
  }

  const tls = effectiveTlsMode(profile, parsed.tls);
  const { caPath, certPath, keyPath, serverName } = profile.tls;
  if (tls === 'mutual' && (!certPath || !keyPath)) {
    throw new MilvusError(
      'tls',
      l10n.t('Mutual TLS needs a client certificate file and a client key file.'),
      {},
      REMEDIES.fixTls,
    );
  }
  if (tls !== 'off') {
    const files = { caPath, ...(tls === 'mutual' ? { certPath, keyPath } : {}) };
    for (const [field, path] of Object.entries(files) as [TlsFile, string | undefined][]) {
      if (path) {
        await checkReadableFile(path, field);
      }
    }
    config.ssl = true;
    config.tls = {
      ...(caPath ? { rootCertPath: caPath } : {}),
      ...(tls === 'mutual' ? { certChainPath: certPath, privateKeyPath: keyPath } : {}),
      ...(serverName ? { serverName } : {}),
    };
  }

  const user = profile.auth === 'password' ? username : undefined;
  return {
    config,
    address,
    tls,
    database,
    timeoutMs,
    loginUser: user ?? tokenUser(profile.auth === 'token' ? secret?.token : undefined),
    errorContext: {
      address,
      user,
      authMode: profile.auth,
      askedSecret: profile.askSecret === true,
      database,
      timeoutMs,
      secrets: secretVariants(user, secret?.password, secret?.token),
    },
  };
}

function tokenUser(token: string | undefined): string | undefined {
  const colon = token?.indexOf(':') ?? -1;
  return token && colon > 0 ? token.slice(0, colon) : undefined;
}
