// What each of explain, lint and upgrade-impact gets from src/cli/answers.ts.
import type { AdminApi } from '../core/adminApi';
import type { Output } from './output';

export interface AnswerContext {
  values: Record<string, string | boolean | undefined>;
  out: Output;
  /** Connects on first use (lint of a file alone needs no server). */
  connect: () => Promise<{ api: AdminApi; address: string }>;
  json: boolean;
}
