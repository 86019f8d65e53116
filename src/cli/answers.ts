// milvus-rbac explain | lint | upgrade-impact: the questions no Milvus tool answers (issue 22). Each has its own
// options; the login (--uri, --user, MILVUS_PASSWORD / MILVUS_TOKEN, TLS) is the same as export/plan/apply.
import { parseArgs } from 'node:util';
import type { AdminApi } from '../core/adminApi';
import { MilvusError, errorMessage, withRawText } from '../core/errors/milvusError';
import { LOGIN_OPTIONS, UsageError, flavorOption, secretArgumentMessage, withEnvDefault, type CliArgs } from './args';
import { cliConnection, cliErrorMessage, connectCli } from './connection';
import { Output, type Streams } from './output';
import { runExplain, EXPLAIN_USAGE } from './explainCommand';
import type { AnswerContext } from './answerContext';
import { LINT_USAGE, runLint } from './lintCommand';
import { UPGRADE_USAGE, runUpgradeImpact } from './upgradeCommand';

interface AnswerCommand {
  usage: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  run: (ctx: AnswerContext) => Promise<number>;
}

const LOGIN_USAGE = `Login (as for export/plan/apply): --uri URI [--user NAME] (MILVUS_PASSWORD or MILVUS_TOKEN), --db NAME,
  --tls, --ca-file, --cert-file, --key-file, --server-name, --timeout-ms N, --flavor F; --json for machine-readable output.`;

const ANSWERS: Record<string, AnswerCommand> = {
  explain: {
    usage: EXPLAIN_USAGE,
    options: {
      for: { type: 'string' },
      op: { type: 'string' },
      error: { type: 'string' },
      collection: { type: 'string' },
      'target-user': { type: 'string' },
      role: { type: 'string' },
    },
    run: runExplain,
  },
  lint: { usage: LINT_USAGE, options: { file: { type: 'string' }, format: { type: 'string' } }, run: runLint },
  'upgrade-impact': { usage: UPGRADE_USAGE, options: { to: { type: 'string' } }, run: runUpgradeImpact },
};

export function isAnswerCommand(name: string | undefined): boolean {
  return name !== undefined && Object.hasOwn(ANSWERS, name);
}

const text = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** The login part of the options as the export/plan/apply arguments, for the shared connection code: --uri, --user
 * and --db default to MILVUS_URI, MILVUS_USER and MILVUS_DB as for export, plan and apply. */
function loginArgs(values: AnswerContext['values'], env: NodeJS.ProcessEnv): CliArgs {
  const uri = withEnvDefault(values, env, 'uri');
  if (!uri.value)
    throw new UsageError('--uri is required (or set MILVUS_URI), for example --uri http://localhost:19530.');
  const user = withEnvDefault(values, env, 'user');
  const db = withEnvDefault(values, env, 'db');
  const timeout = text(values['timeout-ms']);
  const ms = timeout === undefined ? undefined : Number(timeout);
  if (ms !== undefined && (!Number.isInteger(ms) || ms < 100))
    throw new UsageError('--timeout-ms must be a whole number of at least 100.');
  return {
    command: 'export', // only the login fields are read
    uri: uri.value,
    user: user.value,
    db: db.value,
    from: { uri: uri.from, user: user.from, db: db.from },
    prune: false,
    format: values.json === true ? 'json' : 'text',
    json: values.json === true,
    yes: false,
    tls: values.tls === true,
    caFile: text(values['ca-file']),
    certFile: text(values['cert-file']),
    keyFile: text(values['key-file']),
    serverName: text(values['server-name']),
    ...flavorOption(values.flavor),
    ...(ms === undefined ? {} : { timeoutMs: ms }),
  };
}

/** Runs `milvus-rbac <explain|lint|upgrade-impact> …`; resolves with the exit code, never rejects. */
export async function runAnswerCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  streams: Streams,
): Promise<number> {
  const out = new Output(streams, env);
  const [name, ...rest] = argv;
  const command = ANSWERS[name ?? ''];
  if (!command) return 1;
  let json = false;
  let api: AdminApi | undefined;
  try {
    const secret = rest.find((a) => /^--?(password|passwd|pass|token|api-key|apikey|secret)(=|$)/i.test(a));
    if (secret) throw new UsageError(secretArgumentMessage(secret.replace(/=.*$/, '')));
    let values: AnswerContext['values'];
    try {
      ({ values } = parseArgs({
        args: [...rest],
        strict: true,
        allowPositionals: false,
        options: { ...LOGIN_OPTIONS, ...command.options },
      }));
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional.*$/s, '.') : String(e));
    }
    json = values.json === true;
    if (values.help) {
      out.line(`${command.usage}\n\n${LOGIN_USAGE}`);
      return 0;
    }
    const connect = async (): Promise<{ api: AdminApi; address: string }> => {
      const args = loginArgs(values, env);
      const connection = cliConnection(args, env);
      api = await connectCli(connection, args.timeoutMs);
      return { api, address: connection.address };
    };
    return await command.run({ values, out, connect, json });
  } catch (e) {
    const [kind, message, detail] =
      e instanceof UsageError
        ? ['usage', `${e.message} (milvus-rbac ${name} --help shows the usage)`, undefined]
        : e instanceof MilvusError
          ? [e.kind, cliErrorMessage(e), withRawText('', e).trim() || undefined]
          : ['internal', errorMessage(e), undefined];
    if (json) out.json({ error: { kind, message } });
    out.error(`Error: ${message}`);
    if (detail && detail !== message) out.error(detail);
    return 1;
  } finally {
    await (api as AdminApi | undefined)?.close().catch(() => undefined);
  }
}
