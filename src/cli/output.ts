// Where the command line writes: results on stdout, problems on stderr, one line each. Colours only on a terminal,
// and never when NO_COLOR is set (https://no-color.org), so CI logs stay plain text.
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
