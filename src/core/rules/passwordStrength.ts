// Password strength: a hint for the forms only; the server enforces nothing beyond length and, on Zilliz Cloud,
// character classes.
import * as l10n from '@vscode/l10n';
import { charClassesOf } from './checks';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

/** The words for the scores, in the display language. */
export function strengthLabel(score: StrengthScore): string {
  switch (score) {
    case 0:
      return l10n.t('Very weak');
    case 1:
      return l10n.t('Weak');
    case 2:
      return l10n.t('Fair');
    case 3:
      return l10n.t('Strong');
    case 4:
      return l10n.t('Very strong');
  }
}

const COMMON_PASSWORDS = new Set([
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwerty',
  'qwerty123',
  'qwertyuiop',
  'abc123',
  'abcdef',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'admin123',
  'administrator',
  'root',
  'toor',
  'milvus',
  'milvus123',
  'changeme',
  'secret',
  'default',
  'zilliz',
  '111111',
  '000000',
  'football',
  'monkey',
  'dragon',
  'master',
  'sunshine',
  'princess',
  'trustno1',
]);

/** Estimated entropy in bits: pool size from the character classes used, repeated/sequential characters weigh little. */
function estimateBits(password: string): number {
  const chars = Array.from(password);
  if (chars.length === 0) return 0;
  let pool = 0;
  const classes = charClassesOf(password);
  if (classes.has('lower')) pool += 26;
  if (classes.has('upper')) pool += 26;
  if (classes.has('digit')) pool += 10;
  if (classes.has('special')) pool += 33;
  if (chars.some((c) => c <= ' ' || c > '~')) pool += 100;
  const perChar = Math.log2(Math.max(pool, 2));
  let weight = 0;
  let prev = -10;
  for (const c of chars) {
    const cp = c.codePointAt(0) ?? 0;
    weight += Math.abs(cp - prev) <= 1 ? 0.1 : 1;
    prev = cp;
  }
  return weight * perChar;
}

/** A hint for the form: 0 very weak … 4 very strong. Appending a character never lowers the score (except into a well-known password). */
export function passwordStrength(password: string): { score: StrengthScore; label: string } {
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    return { score: 0, label: l10n.t('Very weak (a well-known password)') };
  }
  const bits = estimateBits(password);
  const score: StrengthScore = bits < 30 ? 0 : bits < 50 ? 1 : bits < 70 ? 2 : bits < 100 ? 3 : 4;
  return { score, label: strengthLabel(score) };
}
