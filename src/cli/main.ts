// milvus-rbac: RBAC as code for CI. `npm run --silent rbac -- <export|plan|apply> --uri … [--user …] [options]`.
// Shares the extension's core (no vscode import); the SDK is the sibling bundle dist/milvus-sdk.js.
import type { AdminApi } from '../core/adminApi';
import { MilvusError, errorMessage } from '../core/errors/milvusError';
import { parseCliArgs, USAGE, UsageError, type CliArgs } from './args';
import { EXIT, readFileText, runApply, runExport, runPlan, type CommandContext } from './commands';
import { cliConnection, cliErrorMessage, connectCli } from './connection';
import { Output, serverLine, withoutIpServerNameWarning, type Streams } from './output';
import { CLI_VERSION } from './version';
import { isAnswerCommand, runAnswerCommand } from './answers';

const COMMANDS = { export: runExport, plan: runPlan, apply: runApply } as const;

function fail(out: Output, args: CliArgs | undefined, message: string, kind: string, detail?: string): number {
  if (args?.json) out.json({ error: { kind, message } });
  out.error(`Error: ${message}`);
  if (detail && detail !== message) out.error(detail);
  return EXIT.error;
}

/** Runs one command line; resolves with the exit code. Never rejects. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, streams: Streams): Promise<number> {
  if (isAnswerCommand(argv[0])) return runAnswerCommand(argv, env, streams);
  const out = new Output(streams, env);
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    out.line(CLI_VERSION);
    return EXIT.ok;
  }
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    (argv.length === 0 ? out.error.bind(out) : out.line.bind(out))(USAGE);
    return argv.length === 0 ? EXIT.error : EXIT.ok;
  }
  let args: CliArgs | undefined;
  let api: AdminApi | undefined;
  try {
    args = parseCliArgs(argv, env);
    if (args.command === 'apply' && !args.yes)
      throw new UsageError(
        'apply changes the server: review the plan (milvus-rbac plan …), then run apply with --yes.',
      );
    const connection = cliConnection(args, env);
    const fileText = args.file ? await readFileText(args.file) : undefined;
    api = await connectCli(connection, args.timeoutMs);
    const summaryFile = env.GITHUB_STEP_SUMMARY || undefined;
    const ctx: CommandContext = { args, api, address: connection.address, out, fileText, summaryFile };
    return await COMMANDS[args.command](ctx);
  } catch (e) {
    if (e instanceof UsageError) return fail(out, args, `${e.message} (milvus-rbac --help shows the usage)`, 'usage');
    if (e instanceof MilvusError) {
      return fail(out, args, cliErrorMessage(e), e.kind, serverLine(e));
    }
    return fail(out, args, errorMessage(e), 'internal');
  } finally {
    await api?.close().catch(() => undefined);
  }
}

if (require.main === module) {
  withoutIpServerNameWarning(process);
  void main(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
