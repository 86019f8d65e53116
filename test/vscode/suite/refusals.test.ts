// Server refusals reach the user as sentences with a remedy; the server's own words go to the log only.
import assert from 'node:assert/strict';
import { COMMANDS, fails, rbacSuite } from './rbacHelpers';

suite('server refusals: a sentence for the user, the server text in the log', () => {
  const fixture = rbacSuite('Refusals root', { seed: { roles: ['reader'] } });

  test('creating a role that exists says so in a sentence, not in the server words', async () => {
    const message = await fails(fixture.api, COMMANDS.createRole, { id: fixture.root.id, role: 'reader' });
    assert.equal(
      message,
      'A role named "reader" already exists. Choose another name, or grant privileges to the existing role instead.',
    );
    assert.doesNotMatch(message, /invalid parameter|name:"/);
    const logged = fixture.api.log.recent().filter((line) => line.includes(COMMANDS.createRole));
    assert.match(
      logged.at(-1) ?? '',
      /A role named "reader" already exists.*\(server: role \[name:\s*"reader"\] already exists: invalid parameter\)/,
    );
  });
});
