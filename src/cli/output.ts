// Where the command line writes: results on stdout, problems on stderr, one line each. Colours only on a terminal,
// and never when NO_COLOR is set (https://no-color.org), so CI logs stay plain text.
import type { MilvusError } from '../core/errors/milvusError';
import type { RbacStepAction } from '../core/rbac/steps';

export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const COLOUR = { add: 32, change: 33, remove: 31, fail: 31, ok: 32 } as const;

export class Output {
  private readonly colours: boolean;

  constructor(
    private readonly streams: Streams,
    env: NodeJS.ProcessEnv,
  ) {
    this.colours = streams.stdout.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  }

  line(text = ''): void {
    this.streams.stdout.write(`${text}\n`);
  }

  /** Text as is (already ending in a newline). */
  text(text: string): void {
    this.streams.stdout.write(text);
  }

  json(value: unknown): void {
    this.streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  error(text: string): void {
    this.streams.stderr.write(`${text}\n`);
  }

  paint(text: string, what: RbacStepAction | 'fail' | 'ok'): string {
    return this.colours ? `\u001b[${COLOUR[what]}m${text}\u001b[0m` : text;
  }

  /** Colours the +, ~ and - marks of a rendered plan. */
  paintPlan(text: string): string {
    if (!this.colours) return text;
    return text.replace(/^( {2})([+~-]) /gm, (_, indent: string, mark: string) => {
      const action = mark === '+' ? 'add' : mark === '~' ? 'change' : 'remove';
      return `${indent}${this.paint(mark, action)} `;
    });
  }
}

/**
 * The second line of an error on stderr: Milvus's own text, for whoever reads the CI log, when our sentence does not
 * already quote it. Transport texts (gRPC's "No connection established … Resolution note:") never: the sentence and
 * its remedy say what they mean.
 */
export function serverLine(error: MilvusError): string | undefined {
  const text = error.details.serverMessage?.replace(/\s+/g, ' ').trim();
  return text && !error.problem.includes(text) ? `Milvus said: ${text}` : undefined;
}

/**
 * grpc-js gives TLS the host of the URI as the server name, an IP address included, and Node then prints its DEP0123
 * deprecation warning on stderr for every `https://<IP>` URI. The certificate is still checked against the IP; the
 * warning tells the user nothing they can act on. Only that warning is dropped; every other one is printed as before.
 */
export function withoutIpServerNameWarning(proc: NodeJS.Process): void {
  const emit = proc.emitWarning.bind(proc) as (...args: unknown[]) => void;
  proc.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    const [typeOrOptions, code] = rest;
    const options = typeof typeOrOptions === 'object' && typeOrOptions !== null ? typeOrOptions : undefined;
    if ((options ? (options as { code?: unknown }).code : code) === 'DEP0123') return;
    emit(warning, ...rest);
  }) as NodeJS.Process['emitWarning'];
}
