// The connection form's "Ask for the password on each connect (never stored)" option: markup, model and message schema.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { connectionFormBody } from '../../src/webview/connectionFormMarkup';
import {
  emptyFields,
  fieldsFromDraft,
  fieldsFromProfile,
  isValid,
  toDraft,
  validateConnection,
  type ConnectionFields,
} from '../../src/webview/connectionModel';
import { parseWebviewMessage } from '../../src/webview/messages';

const noSecret = { hasStoredSecret: false };
const asking = (change: Partial<ConnectionFields> = {}): ConnectionFields => ({
  ...emptyFields(),
  name: 'prod',
  askSecret: true,
  ...change,
});

describe('connection form: ask for the secret on each connect', () => {
  test('the markup has one labelled #askSecret checkbox beside #sessionOnly', () => {
    const body = connectionFormBody('Add');
    assert.equal(body.split('id="askSecret"').length - 1, 1);
    assert.match(body, /<input type="checkbox" id="askSecret"[^>]*aria-describedby="askSecret-hint">/);
    assert.match(
      body,
      /<label for="askSecret" id="askSecret-label">Ask for the password on each connect \(never stored\)<\/label>/,
    );
    assert.ok(body.indexOf('id="sessionOnly"') < body.indexOf('id="askSecret"'));
  });

  test('the password (or token) becomes optional', () => {
    assert.deepEqual(validateConnection(asking(), noSecret), {});
    assert.deepEqual(validateConnection(asking({ auth: 'token' }), noSecret), {});
    assert.deepEqual(Object.keys(validateConnection(asking({ askSecret: false }), noSecret)), ['password']);
    assert.deepEqual(
      Object.keys(validateConnection(asking({ username: '' }), noSecret)),
      ['username'],
      'the username is still needed',
    );
  });

  test('the draft carries the flag, and a typed secret only for Test', () => {
    const empty = toDraft(asking(), noSecret);
    assert.equal(empty.profile.askSecret, true);
    assert.equal(empty.secret, undefined, 'nothing typed: no secret, and "keep" is never offered for one');
    assert.deepEqual(toDraft(asking({ password: 'typed-pw' }), noSecret).secret, { password: 'typed-pw' });
    assert.deepEqual(toDraft(asking({ auth: 'token', token: 'typed-tok' }), noSecret).secret, { token: 'typed-tok' });
    const none = toDraft(asking({ auth: 'none' }), noSecret);
    assert.equal(none.profile.askSecret, undefined, 'meaningless without authentication');
    assert.deepEqual(none.secret, {});
    assert.equal(toDraft({ ...asking({ askSecret: false }), password: 'pw' }, noSecret).profile.askSecret, undefined);
  });

  test('profile and draft round trip, and the host accepts an ask-on-connect draft without a secret', () => {
    const draft = toDraft(asking(), noSecret);
    assert.equal(fieldsFromDraft(draft).askSecret, true);
    assert.ok(isValid(validateConnection(fieldsFromDraft(draft), noSecret)));
    assert.equal(fieldsFromProfile(undefined).askSecret, false);
    assert.equal(fieldsFromProfile({ ...draft.profile, askSecret: undefined }).askSecret, false);
    const message = { type: 'save', requestId: 1, draft };
    assert.deepEqual(parseWebviewMessage('connectionForm', message), message);
  });

  test('the message schema takes askSecret only as a boolean', () => {
    const draft = toDraft(asking({ password: 'pw' }), noSecret);
    for (const askSecret of [true, false, undefined]) {
      const message = { type: 'test', requestId: 2, draft: { ...draft, profile: { ...draft.profile, askSecret } } };
      assert.ok(parseWebviewMessage('connectionForm', message), String(askSecret));
    }
    for (const askSecret of ['true', 1, null, {}, []]) {
      const message = { type: 'save', requestId: 3, draft: { ...draft, profile: { ...draft.profile, askSecret } } };
      assert.equal(parseWebviewMessage('connectionForm', message), undefined, JSON.stringify(askSecret));
    }
  });
});
