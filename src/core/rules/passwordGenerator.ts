// Generated passwords: valid for the profile, unambiguous ASCII, unbiased randomness from an injected source.
import { ruleProfile } from './profiles';
import type { RuleProfileId } from '../types';

export const GENERATED_PASSWORD_LENGTH = 24;

const GEN_UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const GEN_LOWER = 'abcdefghijkmnopqrstuvwxyz';
const GEN_DIGIT = '23456789';
// No quotes, backslash, space, ':' '@' '/' (URIs, `user:password` tokens), '$' '&' '`' (shells).
const GEN_SPECIAL = '!#%*+-.=?^_~';
const GEN_ALL = GEN_UPPER + GEN_LOWER + GEN_DIGIT + GEN_SPECIAL;

/**
 * Unbiased integers in [0, n) (1 <= n <= 256) from injected random bytes: a byte is accepted only below the largest
 * multiple of n that fits in 256, so every residue is equally likely (rejection sampling, no modulo bias).
 */
export function uniformIntSource(randomBytes: (n: number) => Uint8Array): (n: number) => number {
  let buffer: Uint8Array = new Uint8Array(0);
  let pos = 0;
  const nextByte = (): number => {
    if (pos >= buffer.length) {
      buffer = randomBytes(64);
      pos = 0;
      if (!(buffer instanceof Uint8Array) || buffer.length === 0) throw new Error('randomBytes returned no bytes');
    }
    return buffer[pos++];
  };
  return (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 256) throw new RangeError(`n must be an integer from 1 to 256, got ${n}`);
    const limit = 256 - (256 % n);
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const b = nextByte();
      if (b < limit) return b % n;
    }
    throw new Error('randomBytes does not look random (10,000 rejected bytes in a row)');
  };
}

/**
 * A password valid for the profile with upper, lower, digit and special characters, all ASCII and unambiguous.
 * `randomBytes` is injected (Node: crypto.randomBytes; browser: crypto.getRandomValues).
 */
export function generatePassword(profile: RuleProfileId, randomBytes: (n: number) => Uint8Array): string {
  const p = ruleProfile(profile);
  const max = Math.min(p.passwordMaxBytes, p.passwordMaxChars ?? Number.POSITIVE_INFINITY);
  const min = Math.max(p.passwordMinBytes, p.passwordMinChars ?? 0, 4);
  const length = Math.min(Math.max(GENERATED_PASSWORD_LENGTH, min), max);
  const randomInt = uniformIntSource(randomBytes);
  const pick = (set: string): string => set[randomInt(set.length)];
  const chars = [pick(GEN_UPPER), pick(GEN_LOWER), pick(GEN_DIGIT), pick(GEN_SPECIAL)];
  while (chars.length < length) chars.push(pick(GEN_ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
