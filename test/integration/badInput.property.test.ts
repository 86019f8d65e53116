// Bad input, property-based: the client's naming and password rules (src/core/rules/checks.ts) against the test
// server's, which are written independently from Milvus's internal/proxy/util.go per release line
// (test/milvus-server/validation.ts, no import from src/). Two layers:
// - in process, 3,000 random strings per kind and release line straight into the server's validators (milliseconds);
// - over gRPC, RUNS strings per kind through the raw SDK channel to a real test server (not our facade, which refuses
//   before sending), which also proves the handlers call the validators. 300 by default: the breadth is in the first
//   layer, and each valid password costs the server a bcrypt hash (1,000 took 146 s of the newest release's run).
// The client must accept exactly what the server accepts; a disagreement prints the string and both verdicts. Rerun a
// failure with FC_SEED=<seed> (printed, and in every failure message); BAD_INPUT_RUNS=10000 for the long gRPC run.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { stringToBase64, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { TestServerOptions } from '../milvus-server';
import { catalogueFor } from '../milvus-server/catalogue';
import {
  ruleEraOf,
  validatePassword,
  validatePrivilegeGroupName,
  validateRoleName,
  validateUsername,
} from '../milvus-server/validation';
import { MilvusFailure } from '../milvus-server/status';
import { connectClient, newClient, rawCall, type StatusLike } from '../server/helpers';
import { NEWEST_ONLY, connectRoot } from './helpers';
import type { AdminApi } from '../../src/core/adminApi';
import { MilvusError } from '../../src/core/errors/milvusError';
import {
  checkPassword,
  checkPrivilegeGroupName,
  checkRoleName,
  checkUsername,
  goTrimSpace,
  type RuleProfileId,
  type RuleViolation,
} from '../../src/core/rules/checks';
import { profileFromVersion } from '../../src/core/rules/profiles';

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 300);
const IN_PROCESS_RUNS = 3_000;
const BATCH = 500;
const FACADE_SAMPLE = 200;
const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const RERUN = `seed ${SEED} (rerun with FC_SEED=${SEED})`;

const VERSIONS = ['v2.6.19', 'v2.5.17', 'v2.4.23'] as const;
type Version = (typeof VERSIONS)[number];

// ---- Arbitraries ------------------------------------------------------------------------------------------------------

// Go's unicode.IsSpace (what strings.TrimSpace trims), and look-alikes Go does not trim.
const GO_SPACES = [
  ' ',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u0085',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2005',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
];
const NOT_GO_SPACES = ['\ufeff', '\u200b', '\u180e', '\u2060', '\u00ad', '\u0000', '\u001f', '\u007f'];
const TRICKY = [
  ...GO_SPACES,
  ...NOT_GO_SPACES,
  '0',
  '9',
  '_',
  '-',
  '.',
  '$',
  '*',
  ':',
  '@',
  '/',
  '"',
  '\\',
  "'",
  '%',
  '\u0007',
  '\u001b',
  '\u0080',
  '\u009f',
  'é',
  'ß',
  'Ω',
  'ı',
  'K' /* Kelvin sign */,
  '中',
  '😀',
  '👩‍👩‍👧',
  '𝐀',
  'Ａ',
  '１',
  '\u0301',
  '\ud800',
  '\udfff',
  '\uffff',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

interface NameShape {
  first: string;
  rest: string;
  maxBytes: number;
}

const chars = (s: string): fc.Arbitrary<string> => fc.constantFrom(...s);

/** Lengths around the limits, and anywhere between. */
function lengthNear(max: number): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(1, 2, max - 1, max, max + 1, max + 2), fc.integer({ min: 1, max: max + 3 }));
}

/** First char from `first`, the rest from `rest`, boundary-heavy lengths: valid when the length fits. */
function shaped(shape: NameShape): fc.Arbitrary<string> {
  return lengthNear(shape.maxBytes).chain((n) =>
    fc
      .tuple(chars(shape.first), fc.string({ unit: chars(shape.rest), minLength: n - 1, maxLength: n - 1 }))
      .map(([a, b]) => a + b),
  );
}

/** A shaped name with one character replaced by, or with one inserted from, the tricky set. */
function mutated(shape: NameShape): fc.Arbitrary<string> {
  return fc.tuple(shaped(shape), fc.constantFrom(...TRICKY), fc.nat(), fc.boolean()).map(([s, c, at, replace]) => {
    const cs = Array.from(s);
    const i = at % (cs.length + 1);
    cs.splice(i, replace && i < cs.length ? 1 : 0, c);
    return cs.join('');
  });
}

const spaces = (units: string[], maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...units), maxLength });

function nameArbitrary(shape: NameShape): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 30, arbitrary: shaped(shape) },
    // Surrounded by whitespace Go trims (valid for trimmed kinds) or by look-alikes it does not trim.
    {
      weight: 12,
      arbitrary: fc.tuple(spaces(GO_SPACES, 3), shaped(shape), spaces(GO_SPACES, 3)).map((p) => p.join('')),
    },
    {
      weight: 4,
      arbitrary: fc.tuple(spaces(NOT_GO_SPACES, 2), shaped(shape), spaces(NOT_GO_SPACES, 2)).map((p) => p.join('')),
    },
    { weight: 20, arbitrary: mutated(shape) },
    { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) }, // any code point, astral included
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom(...TRICKY, ...LETTERS.slice(0, 4)), maxLength: 20 }) },
    // Very long: from the allowed alphabet (valid shape, too long), and arbitrary unicode.
    {
      weight: 3,
      arbitrary: fc
        .tuple(chars(shape.first), fc.string({ unit: chars(shape.rest), minLength: 256, maxLength: 4096 }))
        .map(([a, b]) => a + b),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 200, maxLength: 1500 }) },
    { weight: 4, arbitrary: spaces([...GO_SPACES, ''], 4) }, // empty or blank
  );
}

function passwordArbitrary(): fc.Arbitrary<string> {
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
  const ascii = (lengths: fc.Arbitrary<number>): fc.Arbitrary<string> =>
    lengths.chain((n) => fc.string({ unit: chars(printable), minLength: n, maxLength: n }));
  // Weighted so that about a third (2.5/2.6) to two thirds (2.4) are valid: every valid one costs a bcrypt hash.
  return fc.oneof(
    {
      weight: 20,
      arbitrary: ascii(fc.oneof(fc.constantFrom(0, 5, 6, 7, 71, 72, 73), fc.integer({ min: 0, max: 100 }))),
    },
    { weight: 6, arbitrary: ascii(fc.integer({ min: 73, max: 239 })) },
    { weight: 8, arbitrary: ascii(fc.oneof(fc.constantFrom(255, 256, 257), fc.integer({ min: 240, max: 270 }))) },
    { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom(...TRICKY, 'a', '😀'), maxLength: 5 }) }, // mostly too short
    // Multi-byte (2, 3 and 4 bytes per code point, lone surrogates as 3): byte length differs from .length.
    {
      weight: 15,
      arbitrary: fc.string({ unit: fc.constantFrom('a', 'é', '中', '😀', '\u0000', '\ud800', ' '), maxLength: 90 }),
    },
    { weight: 10, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 40 }) },
    { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 60, maxLength: 300 }) },
    { weight: 10, arbitrary: ascii(fc.integer({ min: 300, max: 4096 })) },
    { weight: 3, arbitrary: spaces([...GO_SPACES, ''], 8) },
  );
}

const USERNAME_SHAPE: NameShape = { first: LETTERS, rest: LETTERS + DIGITS + '_-.', maxBytes: 32 };
const ROLE_SHAPE: NameShape = { first: LETTERS + '_', rest: LETTERS + DIGITS + '_$', maxBytes: 255 };
const GROUP_SHAPE: NameShape = { first: LETTERS + '_', rest: LETTERS + DIGITS + '_', maxBytes: 255 };

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

function sample(arb: fc.Arbitrary<string>, offset: number): string[] {
  return fc.sample(arb, { numRuns: RUNS, seed: SEED + offset });
}

// ---- Agreement runner -------------------------------------------------------------------------------------------------

interface Kind {
  name: string;
  check(s: string, profile: RuleProfileId): RuleViolation | undefined;
  /** Sends `s` as is; resolves with the Status. */
  send(client: MilvusClient, s: string): Promise<StatusLike>;
  /** For kinds that create something: the name the server stores `s` under, and how it says "already there". */
  store?: {
    key(s: string): string;
    /** Names the server holds from the start. */
    initial(key: string): boolean;
    /** The refusal of a valid name that is already taken: proof that the name passed validation. */
    taken: RegExp;
  };
}

interface Disagreement {
  input: string;
  profile: RuleProfileId;
  client: string;
  server: string;
}

interface Outcome {
  sent: number;
  clientValid: number;
  taken: number;
  disagreements: Disagreement[];
}

const ok = (s: StatusLike): boolean =>
  (s.error_code === undefined || s.error_code === 'Success') && (s.code ?? 0) === 0;
const statusText = (s: StatusLike): string => `code ${s.code ?? 0} / ${s.error_code ?? '-'}: ${s.reason ?? ''}`;

function shown(s: string): string {
  const json = JSON.stringify(s);
  return json.length > 160 ? `${json.slice(0, 150)}…" (${s.length} UTF-16 units)` : json;
}

function report(kind: string, d: Disagreement[]): string {
  return (
    `${d.length} ${kind} disagreement(s), ${RERUN}:\n` +
    d
      .slice(0, 10)
      .map((x) => `  ${shown(x.input)} [${x.profile}] client: ${x.client}; server: ${x.server}`)
      .join('\n')
  );
}

/**
 * Sends every distinct input once, BATCH at a time, and compares verdicts. Nothing is deleted (the limits are raised):
 * a valid name whose key the server already holds must be refused as taken, which it can only say after validating it.
 * Two inputs with one key never share a batch, so which of them wins is never a race.
 */
async function agreement(client: MilvusClient, profile: RuleProfileId, kind: Kind, inputs: string[]): Promise<Outcome> {
  const outcome: Outcome = { sent: 0, clientValid: 0, taken: 0, disagreements: [] };
  const held = new Set<string>();
  let pending = [...new Set(inputs)].map((s) => {
    const verdict = kind.check(s, profile);
    return { s, verdict, key: kind.store && !verdict ? kind.store.key(s) : undefined };
  });
  while (pending.length > 0) {
    const batch: typeof pending = [];
    const later: typeof pending = [];
    const keys = new Set<string>();
    for (const item of pending) {
      if (batch.length >= BATCH || (item.key !== undefined && keys.has(item.key))) {
        later.push(item);
        continue;
      }
      if (item.key !== undefined) keys.add(item.key);
      batch.push(item);
    }
    pending = later;

    const replies = await Promise.all(batch.map((b) => kind.send(client, b.s)));
    batch.forEach(({ s, verdict, key }, i) => {
      const reply = replies[i];
      outcome.sent++;
      if (!verdict) outcome.clientValid++;
      const taken = key !== undefined && kind.store !== undefined && (held.has(key) || kind.store.initial(key));
      if (taken) {
        outcome.taken++;
        if (!kind.store?.taken.test(reply.reason ?? '')) {
          outcome.disagreements.push({
            input: s,
            profile,
            client: 'accepts (name already taken)',
            server: statusText(reply),
          });
        }
      } else if (!verdict !== ok(reply)) {
        outcome.disagreements.push({
          input: s,
          profile,
          client: verdict ? `refuses (${verdict.rule}: ${verdict.message})` : 'accepts',
          server: ok(reply) ? 'Success' : statusText(reply),
        });
      }
      if (ok(reply) && kind.store) held.add(kind.store.key(s));
    });
  }
  return outcome;
}

// ---- Kinds ------------------------------------------------------------------------------------------------------------

const PASSWORD_USER = 'pw_target';

const KINDS: Record<'username' | 'password' | 'role' | 'group', Kind> = {
  username: {
    name: 'username',
    check: checkUsername,
    send: (c, s) =>
      rawCall<StatusLike>(c, 'CreateCredential', { username: s, password: stringToBase64('valid-pass-1') }),
    // The server trims usernames (2.6.6+) and stores the trimmed name.
    store: { key: goTrimSpace, initial: (k) => k === 'root' || k === PASSWORD_USER, taken: /^user already exists: / },
  },
  password: {
    name: 'password',
    check: checkPassword,
    // root is in superUsers, so no old password is needed and every valid new password is stored.
    send: (c, s) =>
      rawCall<StatusLike>(c, 'UpdateCredential', {
        username: PASSWORD_USER,
        oldPassword: '',
        newPassword: stringToBase64(s),
      }),
  },
  role: {
    name: 'role name',
    check: checkRoleName,
    send: (c, s) => rawCall<StatusLike>(c, 'CreateRole', { entity: { name: s } }),
    // Validated trimmed, stored as sent.
    store: { key: (s) => s, initial: (k) => k === 'admin' || k === 'public', taken: /^role \[.*\] already exists/s },
  },
  group: {
    name: 'privilege group name',
    check: checkPrivilegeGroupName,
    send: (c, s) => rawCall<StatusLike>(c, 'CreatePrivilegeGroup', { group_name: s }),
    store: {
      key: goTrimSpace,
      // The server's own catalogue says which names are taken from the start (2.6.19's, the newest line run here).
      initial: (k) => catalogueFor('v2.6.19').isDefinedPrivilegeName(k),
      taken: /privilege group name \[.*\] is defined by (users|built in privileges or privilege groups in system)/s,
    },
  },
};

/**
 * Which kinds run against which server. Role and group rules are the same in every profile; usernames differ between
 * 2.6 and 2.5 (`-` and `.`), passwords between 2.5 and 2.4 (72 vs 256 bytes).
 */
const PLAN: Record<Version, (keyof typeof KINDS)[]> = {
  'v2.6.19': ['username', 'password', 'role', 'group'],
  'v2.5.17': ['username'],
  'v2.4.23': ['password'],
};

// ---- A test server on its own thread ---------------------------------------------------------------------------------

// The server runs in a worker thread so that its work (bcrypt included) runs beside the client's on a second core;
// it is the same startMilvusTestServer over a real socket. The worker answers 'rpcCounts', 'reset' and 'stop'.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { startMilvusTestServer } = require(workerData.serverModule);
startMilvusTestServer(workerData.options).then((server) => {
  parentPort.postMessage({ address: server.address });
  parentPort.on('message', async (command) => {
    if (command === 'rpcCounts') parentPort.postMessage({ rpcCounts: server.rpcCounts() });
    if (command === 'reset') { server.resetRpcCounts(); parentPort.postMessage({}); }
    if (command === 'stop') { await server.stop(); parentPort.postMessage({}); }
  });
}, (e) => { throw e; });
`;

class ThreadedServer {
  private constructor(
    private readonly worker: Worker,
    readonly address: string,
  ) {}

  static async start(options: TestServerOptions): Promise<ThreadedServer> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        serverModule: join(__dirname, '..', 'milvus-server'),
        options: { host: '127.0.0.1', port: 0, quiet: true, ...options },
      },
    });
    const [ready] = (await once(worker, 'message')) as [{ address: string }];
    return new ThreadedServer(worker, ready.address);
  }

  private async ask<T>(command: string): Promise<T> {
    const reply = once(this.worker, 'message');
    this.worker.postMessage(command);
    return ((await reply) as [T])[0];
  }

  async rpcCounts(): Promise<Record<string, number>> {
    return (await this.ask<{ rpcCounts: Record<string, number> }>('rpcCounts')).rpcCounts;
  }

  async resetRpcCounts(): Promise<void> {
    await this.ask('reset');
  }

  async stop(): Promise<void> {
    await this.ask('stop');
    await this.worker.terminate();
  }
}

// ---- Tests ------------------------------------------------------------------------------------------------------------

/** The server validator of each kind (what the handler calls first), on one release line. */
const SERVER_CHECKS: Record<keyof typeof KINDS, (s: string, version: string) => void> = {
  username: (s, v) => validateUsername(s, ruleEraOf(v)),
  password: (s, v) => validatePassword(s, ruleEraOf(v)),
  role: (s, v) => validateRoleName(s, ruleEraOf(v)),
  group: (s, v) => validatePrivilegeGroupName(s, ruleEraOf(v)),
};

function serverVerdict(kind: keyof typeof KINDS, s: string, version: string): string | undefined {
  try {
    SERVER_CHECKS[kind](s, version);
    return undefined;
  } catch (e) {
    if (e instanceof MilvusFailure) return `code ${e.code}: ${e.reason}`;
    throw e;
  }
}

describe(`bad input in process: client rules ⇔ the server's validators (${IN_PROCESS_RUNS} strings per kind and line, ${RERUN})`, () => {
  for (const version of VERSIONS) {
    const profile = profileFromVersion(version);
    for (const k of Object.keys(KINDS) as (keyof typeof KINDS)[]) {
      test(`${version} ${KINDS[k].name}s`, () => {
        const arb =
          k === 'password'
            ? passwordArbitrary()
            : nameArbitrary(k === 'username' ? USERNAME_SHAPE : k === 'role' ? ROLE_SHAPE : GROUP_SHAPE);
        const disagreements: Disagreement[] = [];
        for (const s of new Set(fc.sample(arb, { numRuns: IN_PROCESS_RUNS, seed: SEED + 10 }))) {
          const client = KINDS[k].check(s, profile);
          const server = serverVerdict(k, s, version);
          if (!client !== !server) {
            disagreements.push({
              input: s,
              profile,
              client: client ? `refuses (${client.rule}: ${client.message})` : 'accepts',
              server: server ?? 'accepts',
            });
          }
        }
        assert.deepEqual(disagreements, [], report(KINDS[k].name, disagreements));
      });
    }
  }
});

// It runs its own servers of each line (VERSIONS), so it runs once, in the matrix's newest process.
describe(`bad input: client rules agree with the test server (${RUNS} strings per kind, ${RERUN})`, NEWEST_ONLY, () => {
  const inputs = {
    username: sample(nameArbitrary(USERNAME_SHAPE), 1),
    password: sample(passwordArbitrary(), 2),
    role: sample(nameArbitrary(ROLE_SHAPE), 3),
    group: sample(nameArbitrary(GROUP_SHAPE), 4),
  };

  for (const version of VERSIONS) {
    const profile = profileFromVersion(version);
    describe(`server ${version} (${profile})`, () => {
      let server: ThreadedServer;
      let root: MilvusClient;
      before(async () => {
        server = await ThreadedServer.start({
          auth: true,
          version,
          superUsers: ['root'],
          maxUsers: 1_000_000,
          maxRoles: 1_000_000,
          seed: { users: [{ name: PASSWORD_USER, password: 'initial-pass' }] },
        });
        root = await connectClient(newClient(server.address, { username: 'root', password: 'Milvus' }));
      });
      after(async () => {
        await root.closeConnection();
        await server.stop();
      });

      for (const k of PLAN[version]) {
        test(`${RUNS} ${KINDS[k].name}s: client accepts ⇔ server accepts`, async (t) => {
          const started = Date.now();
          const cpu = process.cpuUsage();
          const o = await agreement(root, profile, KINDS[k], inputs[k]);
          t.diagnostic(
            `${RUNS} sampled, ${o.sent} distinct sent, ${o.clientValid} valid (${((100 * o.clientValid) / o.sent).toFixed(1)}%), ` +
              `${o.taken} already taken, ${o.disagreements.length} disagreements, ` +
              `${Date.now() - started} ms wall, ${Math.round(cpuMs(process.cpuUsage(cpu)))} ms CPU (test and server)`,
          );
          assert.ok(
            o.clientValid > o.sent * 0.2,
            `only ${o.clientValid} valid ${k}s: the arbitraries drifted (${RERUN})`,
          );
          assert.ok(o.clientValid < o.sent * 0.85, `${o.clientValid} valid ${k}s: too few invalid ones (${RERUN})`);
          assert.deepEqual(o.disagreements, [], report(KINDS[k].name, o.disagreements));
        });
      }

      test(`the facade refuses ${FACADE_SAMPLE} client-invalid usernames/passwords with invalidInput and sends nothing`, async () => {
        const badNames = inputs.username.filter((s) => checkUsername(s, profile)).slice(0, FACADE_SAMPLE / 2);
        const badPasswords = inputs.password.filter((s) => checkPassword(s, profile)).slice(0, FACADE_SAMPLE / 2);
        assert.equal(badNames.length + badPasswords.length, FACADE_SAMPLE);
        const api: AdminApi = await connectRoot(server);
        try {
          assert.equal(api.ruleProfile, profile);
          await server.resetRpcCounts();
          const cases = [
            ...badNames.map((name) => ({ name, password: 'valid-pass-1' })),
            ...badPasswords.map((password) => ({ name: 'facade_user', password })),
          ];
          const results = await Promise.all(
            cases.map((c) =>
              api.createUser(c.name, c.password).then(
                () => undefined,
                (e: unknown) => e,
              ),
            ),
          );
          results.forEach((e, i) => {
            const c = cases[i];
            const what = `createUser(${shown(c.name)}, ${shown(c.password)}) [${profile}], ${RERUN}`;
            assert.ok(e instanceof MilvusError, `${what}: expected a MilvusError, got ${String(e)}`);
            assert.equal(e.kind, 'invalidInput', `${what}: ${e.message}`);
            assert.ok(e.message.length > 0);
            if (c.password.length >= 8)
              assert.ok(!e.message.includes(c.password), `${what}: the password is in the message`);
          });
          assert.equal((await server.rpcCounts()).CreateCredential ?? 0, 0, 'no CreateCredential reached the server');
        } finally {
          await api.close();
        }
      });
    });
  }
});
