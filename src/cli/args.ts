// The command line of `milvus-rbac` (npm run rbac): parsed strictly, with a sentence for every mistake. Secrets never
// come as arguments: a command line is visible to every user of the machine (ps) and stays in shell history.
import { parseArgs } from 'node:util';

export type CliCommand = 'export' | 'plan' | 'apply';

export interface CliArgs {
  command: CliCommand;
  uri: string;
  user?: string;
  db?: string;
  file?: string;
  out?: string;
  prune: boolean;
  json: boolean;
  yes: boolean;
  tls: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  serverName?: string;
  timeoutMs?: number;
}

export class UsageError extends Error {}

export const USAGE = `Usage: milvus-rbac <export|plan|apply> --uri <http(s)://host:port[/db]> [--user <name>] [options]

  export [--out FILE]                 write the server's RBAC file (stdout without --out)
  plan   --file FILE [--prune] [--json]  show what applying FILE would change
  apply  --file FILE [--prune] --yes   apply FILE (--prune: also revoke, unbind and drop what FILE lacks)
  explain | lint | upgrade-impact      answers about access (milvus-rbac <command> --help)

Options:
  --uri URI          server address; https:// turns TLS on; a /db suffix picks the database
  --user NAME        login user (password from MILVUS_PASSWORD); or set MILVUS_TOKEN instead
  --db NAME          database (default: the URI's, else "default")
  --tls              one-way TLS on an http:// address
  --ca-file FILE     CA certificate that signed the server's certificate
  --cert-file FILE   client certificate (mutual TLS, with --key-file)
  --key-file FILE    client key (mutual TLS, with --cert-file)
  --server-name NAME host name to check the server's certificate against
  --timeout-ms N     deadline of each request (default 15000)
  --json             machine-readable output on stdout

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

export function parseCliArgs(argv: readonly string[]): CliArgs {
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
  const uri = optionalText(values.uri, '--uri');
  if (!uri) throw new UsageError('--uri is required, for example --uri http://localhost:19530.');
  const args: CliArgs = {
    command,
    uri,
    user: optionalText(values.user, '--user'),
    db: optionalText(values.db, '--db'),
    file: optionalText(values.file, '--file'),
    out: optionalText(values.out, '--out'),
    prune: values.prune === true,
    json: values.json === true,
    yes: values.yes === true,
    tls: values.tls === true,
    caFile: optionalText(values['ca-file'], '--ca-file'),
    certFile: optionalText(values['cert-file'], '--cert-file'),
    keyFile: optionalText(values['key-file'], '--key-file'),
    serverName: optionalText(values['server-name'], '--server-name'),
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

function checkCombination(args: CliArgs): void {
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
      uri: { type: 'string' },
      user: { type: 'string' },
      db: { type: 'string' },
      file: { type: 'string' },
      out: { type: 'string' },
      prune: { type: 'boolean' },
      json: { type: 'boolean' },
      yes: { type: 'boolean' },
      tls: { type: 'boolean' },
      'ca-file': { type: 'string' },
      'cert-file': { type: 'string' },
      'key-file': { type: 'string' },
      'server-name': { type: 'string' },
      'timeout-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
