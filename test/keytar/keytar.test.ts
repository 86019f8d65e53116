// keytar against a real Secret Service (gnome-keyring). Run through scripts/with-keyring.sh, which provides a private
// D-Bus session with an unlocked keyring: `scripts/with-keyring.sh node --test out/test/keytar/`.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import keytar from 'keytar';

const SERVICE = `milvus-access-manager-test-${randomBytes(4).toString('hex')}`;

describe('keytar with an unlocked gnome-keyring', () => {
  test('runs inside a D-Bus session (scripts/with-keyring.sh)', () => {
    assert.ok(
      process.env.DBUS_SESSION_BUS_ADDRESS,
      'no D-Bus session: run these tests through scripts/with-keyring.sh',
    );
  });

  test('set, get, find and delete round trip', async () => {
    const secretA = `Milvus-sëcret:${randomBytes(6).toString('base64')}`;
    const secretB = 'p@ss w0rd "with" quotes \\ and ünïcode';
    await keytar.setPassword(SERVICE, 'conn-a', secretA);
    await keytar.setPassword(SERVICE, 'conn-b', secretB);
    assert.equal(await keytar.getPassword(SERVICE, 'conn-a'), secretA);
    assert.equal(await keytar.getPassword(SERVICE, 'conn-b'), secretB);
    assert.equal(await keytar.getPassword(SERVICE, 'missing'), null);
    const any = await keytar.findPassword(SERVICE); // "the first" match: order is up to the keyring
    assert.ok(any === secretA || any === secretB, 'findPassword returns one of the stored secrets');

    const found = (await keytar.findCredentials(SERVICE)).sort((x, y) => x.account.localeCompare(y.account));
    assert.deepEqual(found, [
      { account: 'conn-a', password: secretA },
      { account: 'conn-b', password: secretB },
    ]);

    await keytar.setPassword(SERVICE, 'conn-a', 'replaced');
    assert.equal(await keytar.getPassword(SERVICE, 'conn-a'), 'replaced');

    assert.equal(await keytar.deletePassword(SERVICE, 'conn-a'), true);
    assert.equal(await keytar.deletePassword(SERVICE, 'conn-a'), false);
    assert.equal(await keytar.deletePassword(SERVICE, 'conn-b'), true);
    assert.deepEqual(await keytar.findCredentials(SERVICE), []);
    assert.equal(await keytar.getPassword(SERVICE, 'conn-a'), null);
  });
});

describe('keytar without a D-Bus session', () => {
  test('rejects with "Cannot autolaunch D-Bus without X11 $DISPLAY"', async () => {
    const script = `require(${JSON.stringify(require.resolve('keytar'))}).getPassword('mam-test', 'x')
      .then((v) => { console.log('RESOLVED ' + v); }, (e) => { console.log('REJECTED ' + e.message); });`;
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['-e', script], { env, timeout: 20_000 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`${err.message}\n${stderr}`));
        else resolve(stdout.trim());
      });
    });
    assert.equal(out, 'REJECTED Cannot autolaunch D-Bus without X11 $DISPLAY');
  });
});
