// The command line of `milvus-rbac` (npm run rbac): parsed strictly, with a sentence for every mistake. Secrets never
// come as arguments: a command line is visible to every user of the machine (ps) and stays in shell history.
import { parseArgs } from 'node:util';
import { FLAVOR_CHOICES } from '../core/connectionSchema';
import type { Flavor } from '../core/types';

export type CliCommand = 'export' | 'plan' | 'apply';
export type CliFormat = 'text' | 'json' | 'markdown';
const FORMATS: readonly CliFormat[] = ['text', 'json', 'markdown'];

/** The connection options that fall back to the environment (the names Milvus's own tools read). */
export const ENV_DEFAULTS = { uri: 'MILVUS_URI', user: 'MILVUS_USER', db: 'MILVUS_DB' } as const;
export type FromEnv = keyof typeof ENV_DEFAULTS;

export interface CliArgs {
  command: CliCommand;
  uri: string;
  user?: string;
  db?: string;
  file?: string;
  out?: string;
  prune: boolean;
  /** What stdout gets: text (default), json (= --json) or markdown (plan only). */
  format: CliFormat;
  /** format === 'json'. */
  json: boolean;
  yes: boolean;
  tls: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  serverName?: string;
  timeoutMs?: number;
  /** --flavor; absent: told from the URI as the extension does (core/access/flavor.ts resolveFlavor). */
  flavor?: Flavor;
  /** Where uri, user and db came from, for the messages: `--uri` or `MILVUS_URI`. */
  from: Record<FromEnv, string>;
}

/** The options every command takes: where and how to log in, JSON output, help. */
export const LOGIN_OPTIONS = {
  uri: { type: 'string' },
  user: { type: 'string' },
  db: { type: 'string' },
  tls: { type: 'boolean' },
  'ca-file': { type: 'string' },
  'cert-file': { type: 'string' },
  'key-file': { type: 'string' },
  'server-name': { type: 'string' },
  'timeout-ms': { type: 'string' },
  flavor: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export class UsageError extends Error {}

export const USAGE = `Usage: milvus-rbac <export|plan|apply> --uri <http(s)://host:port[/db]> [--user <name>] [options]

  export [--out FILE]                 write the server's RBAC file (stdout without --out)
  plan   --file FILE [--prune] [--format text|json|markdown]  show what applying FILE would change
                                      (markdown: for a pull-request comment; also appended to $GITHUB_STEP_SUMMARY)
  apply  --file FILE [--prune] --yes   apply FILE (--prune: also revoke, unbind and drop what FILE lacks)
  explain | lint | upgrade-impact      answers about access (milvus-rbac <command> --help)

Options:
  --uri URI          server address; https:// turns TLS on; a /db suffix picks the database (default: MILVUS_URI)
  --user NAME        login user (default: MILVUS_USER), password from MILVUS_PASSWORD; or set MILVUS_TOKEN instead
  --db NAME          database (default: MILVUS_DB, else the URI's, else "default")
  --tls              one-way TLS on an http:// address
  --ca-file FILE     CA certificate that signed the server's certificate
  --cert-file FILE   client certificate (mutual TLS, with --key-file)
  --key-file FILE    client key (mutual TLS, with --cert-file)
  --server-name NAME host name to check the server's certificate against
  --timeout-ms N     deadline of each request (default 15000)
  --flavor F         milvus, zilliz-dedicated or zilliz-serverless (default: told from the URI's host)
  --json             machine-readable output on stdout (the same as --format json)
  --format F         text (default), json, or markdown (plan only)
  --version, -v      print the version

Exit codes: plan 0 = nothing to do, 2 = changes pending, 1 = error; export and apply 0 = done, 1 = error.`;

const SECRET_FLAG = /^--?(password|passwd|pass|token|api-key|apikey|secret)(=|$)/i;

/** Why `--password` is refused: said to the user in these words. */
export function secretArgumentMessage(flag: string): string {
  const env = /token|key/i.test(flag) ? 'MILVUS_TOKEN' : 'MILVUS_PASSWORD';
  return `${flag} is refused: a secret on the command line is visible to other users of this machine (ps) and stays in the shell history. Set ${env} in the environment instead (in CI, from the secret store).`;
}

function optionalText(value: string | boolean | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} needs a value.`);
  return value;
}

/** A flag's value, else its environment variable's (empty counts as unset), and which of the two it was. */
export function withEnvDefault(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
  option: FromEnv,
): { value: string | undefined; from: string } {
  const flag = `--${option}`;
  const value = optionalText(values[option], flag);
  if (value !== undefined) return { value, from: flag };
  const variable = ENV_DEFAULTS[option];
  return { value: env[variable]?.trim() || undefined, from: variable };
}

const FLAVORS = FLAVOR_CHOICES.filter((f): f is Flavor => f !== 'auto');

/** --flavor: what the server is (Zilliz Cloud's rules apply before anything is sent); absent: told from the URI. */
export function flavorOption(value: string | boolean | undefined): Pick<CliArgs, 'flavor'> {
  const flavor = optionalText(value, '--flavor');
  if (flavor === undefined) return {};
  if (!FLAVORS.includes(flavor as Flavor))
    throw new UsageError(`--flavor ${flavor} is not known: use ${FLAVORS.join(', ')}.`);
  return { flavor: flavor as Flavor };
}

/** Flags win over the environment: MILVUS_URI, MILVUS_USER and MILVUS_DB fill in --uri, --user and --db. */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliArgs {
  const secret = argv.find((a) => SECRET_FLAG.test(a));
  if (secret) throw new UsageError(secretArgumentMessage(secret.replace(/=.*$/, '')));
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional.*$/s, '.') : String(e));
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError('Name a command: export, plan or apply.');
  if (command !== 'export' && command !== 'plan' && command !== 'apply')
    throw new UsageError(`Unknown command "${command}": use export, plan or apply.`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  const uri = withEnvDefault(values, env, 'uri');
  if (!uri.value)
    throw new UsageError('--uri is required (or set MILVUS_URI), for example --uri http://localhost:19530.');
  const user = withEnvDefault(values, env, 'user');
  const db = withEnvDefault(values, env, 'db');
  const args: CliArgs = {
    command,
    uri: uri.value,
    user: user.value,
    db: db.value,
    from: { uri: uri.from, user: user.from, db: db.from },
    file: optionalText(values.file, '--file'),
    out: optionalText(values.out, '--out'),
    prune: values.prune === true,
    ...outputFormat(values.format, values.json === true),
    yes: values.yes === true,
    tls: values.tls === true,
    caFile: optionalText(values['ca-file'], '--ca-file'),
    certFile: optionalText(values['cert-file'], '--cert-file'),
    keyFile: optionalText(values['key-file'], '--key-file'),
    serverName: optionalText(values['server-name'], '--server-name'),
    ...flavorOption(values.flavor),
  };
  const timeout = optionalText(values['timeout-ms'], '--timeout-ms');
  if (timeout !== undefined) {
    const ms = Number(timeout);
    if (!Number.isInteger(ms) || ms < 100) throw new UsageError('--timeout-ms must be a whole number of at least 100.');
    args.timeoutMs = ms;
  }
  checkCombination(args);
  return args;
}

function outputFormat(value: string | boolean | undefined, json: boolean): Pick<CliArgs, 'format' | 'json'> {
  const format = optionalText(value, '--format') ?? (json ? 'json' : 'text');
  if (!FORMATS.includes(format as CliFormat))
    throw new UsageError(`--format ${format} is not known: use text, json or markdown.`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format} disagree: pass one of them.`);
  return { format: format as CliFormat, json: format === 'json' };
}

function checkCombination(args: CliArgs): void {
  if (args.format === 'markdown' && args.command !== 'plan') throw new UsageError('--format markdown belongs to plan.');
  if (args.command !== 'export' && !args.file) throw new UsageError(`${args.command} needs --file FILE.`);
  if (args.command === 'export' && (args.file || args.prune))
    throw new UsageError('export takes --out FILE (or writes to stdout), not --file or --prune.');
  if (args.command !== 'export' && args.out) throw new UsageError('--out belongs to export.');
  if (args.yes && args.command !== 'apply') throw new UsageError('--yes belongs to apply.');
  if (Boolean(args.certFile) !== Boolean(args.keyFile))
    throw new UsageError('Mutual TLS needs both --cert-file and --key-file.');
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      ...LOGIN_OPTIONS,
      file: { type: 'string' },
      out: { type: 'string' },
      prune: { type: 'boolean' },
      format: { type: 'string' },
      yes: { type: 'boolean' },
    },
  });
}
