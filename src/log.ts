import * as vscode from 'vscode';
import { isMaskable, redact } from './core/errors/redact';

const RECENT_LINES = 2000;

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * The "Milvus" log channel. Every line passes through `redact` with every secret the vault has seen in this session,
 * so a secret cannot reach the log even by mistake.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Milvus', { log: true });
  private readonly secrets = new Set<string>();
  private readonly recentLines: string[] = [];

  /** Registers a secret so that no later log line can contain it. */
  addSecret(secret: string | undefined): void {
    if (isMaskable(secret)) this.secrets.add(secret);
  }

  info(message: string, ...rest: unknown[]): void {
    this.channel.info(this.line('info', message, rest));
  }

  warn(message: string, ...rest: unknown[]): void {
    this.channel.warn(this.line('warn', message, rest));
  }

  error(message: string, ...rest: unknown[]): void {
    this.channel.error(this.line('error', message, rest));
  }

  debug(message: string, ...rest: unknown[]): void {
    this.channel.debug(this.line('debug', message, rest));
  }

  show(): void {
    this.channel.show(true);
  }

  /** The last lines written (already redacted); tests scan them for secrets. */
  recent(): readonly string[] {
    return this.recentLines;
  }

  dispose(): void {
    this.channel.dispose();
  }

  private line(level: string, message: string, rest: unknown[]): string {
    const text = redact([message, ...rest.map(describe)].join(' '), this.secrets);
    this.recentLines.push(`${level} ${text}`);
    if (this.recentLines.length > RECENT_LINES) this.recentLines.splice(0, this.recentLines.length - RECENT_LINES);
    return text;
  }
}
