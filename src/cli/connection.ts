// Turns the command line and the environment into the extension's connection profile and secret, and connects
// through the same core (URI parsing, TLS checks, error mapping) as the extension.
import type { AdminApi } from '../core/adminApi';
import { MilvusError } from '../core/errors/milvusError';
import { REMEDIES, type Remedy } from '../core/errors/remedies';
import { resolveFlavor } from '../core/access/flavor';
import { connectMilvus } from '../core/milvus/connect';
import type { AuthMode, ConnectionProfile, ConnectionSecret, TlsSettings } from '../core/types';
import { isUriViolation, parseConnectionUri } from '../core/milvus/uri';
import { UsageError, type CliArgs } from './args';

export const PASSWORD_ENV = 'MILVUS_PASSWORD';
export const TOKEN_ENV = 'MILVUS_TOKEN';

export interface CliConnection {
  profile: ConnectionProfile;
  secret: ConnectionSecret | undefined;
  /** `http(s)://host:port`, never with a user or secret: for the export's `source` and the messages. */
  address: string;
}

function tlsSettings(args: CliArgs): TlsSettings {
  const mode = args.certFile && args.keyFile ? 'mutual' : args.tls || args.caFile || args.serverName ? 'oneWay' : 'off';
  return {
    mode,
    ...(args.caFile ? { caPath: args.caFile } : {}),
    ...(args.certFile ? { certPath: args.certFile } : {}),
    ...(args.keyFile ? { keyPath: args.keyFile } : {}),
    ...(args.serverName ? { serverName: args.serverName } : {}),
  };
}

/** The profile for the arguments; the secret from MILVUS_PASSWORD or MILVUS_TOKEN (empty values count as unset). */
export function cliConnection(args: CliArgs, env: NodeJS.ProcessEnv): CliConnection {
  const parsed = parseConnectionUri(args.uri);
  if (isUriViolation(parsed)) throw new UsageError(`${args.from.uri}: ${parsed.message}`);
  const password = env[PASSWORD_ENV] || undefined;
  const token = env[TOKEN_ENV] || undefined;
  if (password && token) throw new UsageError(`Set ${PASSWORD_ENV} or ${TOKEN_ENV}, not both.`);
  const user = args.user ?? parsed.username;
  let auth: AuthMode = 'none';
  if (token) auth = 'token';
  else if (password) {
    if (!user)
      throw new UsageError(`${PASSWORD_ENV} is set but no user is named: pass --user NAME (or set MILVUS_USER).`);
    auth = 'password';
  } else if (user) {
    const named =
      args.user === undefined
        ? `the URI's user ${user}`
        : args.from.user === '--user'
          ? `--user ${user}`
          : `${args.from.user}=${user}`;
    throw new UsageError(`${named} needs a password: set ${PASSWORD_ENV} (or ${TOKEN_ENV} for a token).`);
  }
  const profile: ConnectionProfile = {
    id: 'cli',
    name: parsed.uri,
    uri: parsed.uri,
    database: args.db ?? parsed.database ?? '',
    auth,
    ...(auth === 'password' ? { username: user } : {}),
    tls: tlsSettings(args),
    flavor: resolveFlavor(args.flavor, parsed.uri),
  };
  const secret = auth === 'password' ? { password } : auth === 'token' ? { token } : undefined;
  return { profile, secret, address: parsed.uri };
}

export async function connectCli(connection: CliConnection, timeoutMs: number | undefined): Promise<AdminApi> {
  return connectMilvus(connection.profile, connection.secret, timeoutMs ? { timeoutMs } : {});
}

/** The core's remedies name the extension's connection form; on the command line the fix is an option or a variable. */
const CLI_REMEDIES = new Map<Remedy, string>([
  [REMEDIES.enterCredentials, `Pass --user and set ${PASSWORD_ENV}, or set ${TOKEN_ENV}.`],
  [REMEDIES.fixCredentials, `Check --user and ${PASSWORD_ENV}.`],
  [REMEDIES.retypePassword, `Check --user and ${PASSWORD_ENV}.`],
  [REMEDIES.fixToken, `Check ${TOKEN_ENV}.`],
  [REMEDIES.retypeToken, `Check ${TOKEN_ENV}.`],
  [REMEDIES.enterSecret, `Set ${PASSWORD_ENV} or ${TOKEN_ENV}.`],
  [REMEDIES.enterUsername, 'Pass --user.'],
  [REMEDIES.fixTls, 'Check --ca-file, --cert-file and --key-file.'],
  [REMEDIES.chooseDatabase, 'Pass an existing database as --db.'],
  [REMEDIES.raiseTimeout, 'Check the network and the server, or raise --timeout-ms.'],
]);

/** The TLS advice is part of the core's problem sentence (tlsFailure.ts); its form wording becomes options here. */
const CLI_TLS_ADVICE: [RegExp, string][] = [
  [/choose mutual TLS and give the client certificate and key\./, 'pass --cert-file and --key-file.'],
  [/turn TLS off, or check the port\./, 'use an http:// address without --tls, or check the port.'],
  [/enter the certificate's host name as the server name\./, "pass the certificate's host name as --server-name."],
  [/select the CA file that issued it\./, 'pass the CA that issued it as --ca-file.'],
  [
    /Check the connection's TLS settings: CA file, client certificate and key, and server name\./,
    'Check --ca-file, --cert-file, --key-file and --server-name.',
  ],
];

export function cliErrorMessage(error: MilvusError): string {
  const problem = CLI_TLS_ADVICE.reduce((text, [pattern, advice]) => text.replace(pattern, advice), error.problem);
  const remedy = error.remedy && (CLI_REMEDIES.get(error.remedy) ?? error.remedy.text);
  return remedy ? `${problem} ${remedy}` : problem;
}
