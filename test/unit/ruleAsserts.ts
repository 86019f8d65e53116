// What every rule violation must look like, whichever rule produced it; shared by the example and property tests.
import assert from 'node:assert/strict';
import type { RuleViolation } from '../../src/core/rules/checks';

/** Asserts that `v` is a violation whose message is one short sentence a person can read (nothing like "undefined"). */
export function assertReadableViolation(v: RuleViolation | undefined): asserts v is RuleViolation {
  assert.ok(v, 'expected a violation');
  assert.equal(typeof v.rule, 'string');
  assert.match(v.message, /^[A-Z][^]*\.$/, `message should be a sentence: ${v.message}`);
  assert.ok(v.message.length < 300, `message short enough for a form: ${v.message}`);
  assert.ok(!/undefined|NaN|\[object/.test(v.message), v.message);
}
