// Command line: `npm run test-server -- --port 19530 --auth --root-password-file <file> --super-users root,foo`.
import { readSecretFile } from './secretFile';
import { FLAVORS, type Flavor } from './context';
import { startMilvusTestServer, type TestServerOptions } from './index';

const HELP = `Milvus test server: a protocol-level stand-in for Milvus 2.6.19+ (auth, users, roles, privileges, privilege
groups, database and collection names). For tests and demos only; it stores no vectors.

Usage: npm run test-server -- [options]     (or: node out/test/milvus-server/cli.js [options])

  --host <addr>            address to bind (default 127.0.0.1)
  --port <n>               port, 0 = any free port (default 19530)
  --auth                   enable authentication and RBAC (common.security.authorizationEnabled)
  --root-password-file <f> root's password when the state is created, read from a file only you can read
                           (chmod 600; one trailing newline is dropped). Default password: Milvus
  --root-password <pw>     the same on the command line; deprecated: anyone can read it with \`ps\`
  --super-users <a,b>      common.security.superUsers (may change passwords without the old one)
  --max-users <n>          proxy.maxUserNum, counting root (default 100)
  --max-roles <n>          proxy.maxRoleNum, counting admin and public (default 10)
  --tls-mode <0|1|2>       0 plaintext, 1 server TLS, 2 mutual TLS (default 0)
  --tls-cert <file>        server certificate (PEM), modes 1 and 2
  --tls-key <file>         server private key (PEM), modes 1 and 2
  --tls-ca <file>          CA that signs client certificates (PEM), mode 2
  --version <v>            version reported by GetVersion/Connect (default v2.6.19)
  --flavor <f>             milvus (default), zilliz-dedicated or zilliz-serverless: behave as that Zilliz Cloud
                           cluster type (db_admin instead of root; see docs/milvus-behaviour.md §10)
  --seed <file>            JSON seed: users, roles, grants, privilegeGroups, databases, collections
  --state <file>           JSON state file: loaded at start if present, written after each change
  --latency-ms <n>         delay every RPC by n ms
  --not-ready <stage>      start as a proxy that is not ready: starting (every call fails with gRPC UNKNOWN) or
                           initializing (handlers answer code 1 "service not ready")
  --ready-after-ms <n>     with --not-ready: become ready after n ms (default: never)
  --verbose                log RPCs that fail at the gRPC level
  --quiet                  print only the "listening on" line
  --help                   this text

Prints "Milvus test server listening on <host>:<port>" when ready. Stops on SIGINT/SIGTERM.`;

type CliOptions = TestServerOptions & { readyAfterMs?: number };

function parseArgs(argv: string[]): CliOptions | 'help' {
  const o: CliOptions = { port: 19530 };
  let tlsMode: 0 | 1 | 2 = 0;
  const tls: { certPath?: string; keyPath?: string; caPath?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const num = (): number => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) throw new Error(`${flag} needs a non-negative integer`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--host':
        o.host = value();
        break;
      case '--port':
        o.port = num();
        break;
      case '--auth':
        o.auth = true;
        break;
      case '--root-password-file':
        o.rootPassword = readSecretFile(value());
        break;
      case '--root-password':
        o.rootPassword = value();
        console.error(
          'Warning: --root-password is visible to every user in `ps`; use --root-password-file (mode 600).',
        );
        break;
      case '--super-users':
        o.superUsers = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--max-users':
        o.maxUsers = num();
        break;
      case '--max-roles':
        o.maxRoles = num();
        break;
      case '--tls-mode': {
        const m = num();
        if (m > 2) throw new Error('--tls-mode must be 0, 1 or 2');
        tlsMode = m as 0 | 1 | 2;
        break;
      }
      case '--tls-cert':
        tls.certPath = value();
        break;
      case '--tls-key':
        tls.keyPath = value();
        break;
      case '--tls-ca':
        tls.caPath = value();
        break;
      case '--version':
        o.version = value();
        break;
      case '--flavor': {
        const f = value();
        if (!(FLAVORS as readonly string[]).includes(f)) throw new Error(`--flavor needs one of ${FLAVORS.join(', ')}`);
        o.flavor = f as Flavor;
        break;
      }
      case '--seed':
        o.seedFile = value();
        break;
      case '--state':
        o.stateFile = value();
        break;
      case '--latency-ms':
        o.latencyMs = num();
        break;
      case '--not-ready': {
        const stage = value();
        if (stage !== 'starting' && stage !== 'initializing') {
          throw new Error(`${flag} needs starting or initializing`);
        }
        o.notReady = stage;
        break;
      }
      case '--ready-after-ms':
        o.readyAfterMs = num();
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--quiet':
        o.quiet = true;
        break;
      default:
        throw new Error(`unknown option ${flag} (see --help)`);
    }
  }
  if (tlsMode !== 0) o.tls = { mode: tlsMode, ...tls };
  return o;
}

async function main(): Promise<void> {
  let parsed: CliOptions | 'help';
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  if (parsed === 'help') {
    console.log(HELP);
    return;
  }
  const quiet = parsed.quiet === true;
  const { readyAfterMs, ...options } = parsed;
  const server = await startMilvusTestServer({ ...options, quiet: true });
  if (options.notReady && readyAfterMs !== undefined) {
    setTimeout(() => server.setNotReady(undefined), readyAfterMs).unref();
  }
  const o = server.options;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (!quiet) console.log(`${signal}: stopping`);
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Printed only once the signal handlers are in place, so a caller that signals right after reading it stops cleanly.
  console.log(`Milvus test server listening on ${server.address}`);
  if (!quiet) {
    console.log(
      `  version ${o.version}, auth ${o.auth ? 'on' : 'off'}, tls mode ${o.tls?.mode ?? 0}, max users ${o.maxUsers}, max roles ${o.maxRoles}` +
        (o.stateFile ? `, state ${o.stateFile}` : '') +
        (o.notReady ? `, not ready (${o.notReady})` : ''),
    );
  }
}

main().catch((e: unknown) => {
  console.error(`Milvus test server failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
