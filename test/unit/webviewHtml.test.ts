import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { connectionFormBody } from '../../src/webview/connectionFormMarkup';
import { buildPage, contentSecurityPolicy, escapeHtml, jsonForScript, type PageOptions } from '../../src/webview/html';
import { userFormBody } from '../../src/webview/userFormMarkup';

const CSP_SOURCE = 'https://*.vscode-cdn.net';
const EVIL = '<script>alert("x")</script>';

const options = (overrides: Partial<PageOptions> = {}): PageOptions => ({
  cspSource: CSP_SOURCE,
  title: 'Create user',
  body: '<main></main>',
  init: { profile: 'milvus-2.6' },
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/userForm.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.css'],
  ...overrides,
});

function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'CSP meta tag present');
  return m[1].replace(/&amp;/g, '&');
}

/** The page's markup outside the init JSON, where no raw `<script` may come from data. */
function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/g) ?? [];
}

describe('webview page', () => {
  test('has exactly the strict CSP, with the nonce of the call', () => {
    const { html, nonce } = buildPage(options());
    assert.equal(
      cspOf(html),
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${CSP_SOURCE} 'nonce-${nonce}'; font-src ${CSP_SOURCE}; img-src ${CSP_SOURCE}`,
    );
    assert.equal(contentSecurityPolicy(CSP_SOURCE, nonce), cspOf(html));
    assert.doesNotMatch(html, /unsafe-/);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /\sstyle\s*=/i, 'no inline style attributes');
  });

  test('every script carries the nonce; the app script comes from dist/webview', () => {
    const { html, nonce } = buildPage(options());
    const tags = scriptTags(html);
    assert.equal(tags.length, 3);
    for (const tag of tags) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    assert.ok(
      tags.some((t) => t.includes('src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/userForm.js"')),
    );
    assert.ok(tags.some((t) => t.includes('type="application/json" id="init"')));
    assert.ok(tags.some((t) => t.includes('type="application/json" id="l10n"')));
  });

  test('nonce: fresh per page, at least 128 bits of base64', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { nonce } = buildPage(options());
      assert.match(nonce, /^[A-Za-z0-9+/]+={0,2}$/);
      assert.ok(Buffer.from(nonce, 'base64').length >= 16, 'at least 16 bytes');
      assert.ok(!seen.has(nonce), 'not reused');
      seen.add(nonce);
    }
  });

  test('title and init data cannot break out of their elements', () => {
    const { html } = buildPage(options({ title: EVIL, init: { name: `${EVIL}<!-- \u2028 ]]>`, n: 1 } }));
    assert.ok(html.includes('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>'));
    assert.equal(scriptTags(html).length, 3, 'no injected script element');
    assert.equal(html.split('</script>').length - 1, 3, 'only our three scripts close');
    const json = /<script type="application\/json" id="init" nonce="[^"]+">([^<]*)<\/script>/.exec(html);
    assert.ok(json, 'init JSON has no raw <');
    assert.deepEqual(JSON.parse(json[1]), { name: `${EVIL}<!-- \u2028 ]]>`, n: 1 });
  });

  test('escapeHtml and jsonForScript', () => {
    assert.equal(
      escapeHtml(`<a href="x" onclick='y'>&</a>`),
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    assert.equal(jsonForScript('</script>'), '"\\u003c/script\\u003e"');
    assert.equal(jsonForScript(undefined), 'null');
  });
});

describe('form markup', () => {
  test('user form: server-provided names are escaped, stable ids present', () => {
    const body = userFormBody({
      connectionName: `prod ${EVIL}`,
      profileLabel: 'Milvus 2.6 and later',
      roles: ['admin', EVIL, `a"b' onmouseover="x`],
      descriptionSupported: true,
    });
    const { html } = buildPage(options({ body }));
    assert.equal(scriptTags(html).length, 3, 'no injected script element');
    assert.ok(body.includes('Create user on prod &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(body.includes('value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">'));
    assert.ok(body.includes('value="a&quot;b&#39; onmouseover=&quot;x">'));
    assert.doesNotMatch(body, /\son[a-z]+="/i);
    for (const id of [
      'username',
      'password',
      'confirm',
      'description',
      'roles',
      'generate',
      'copy',
      'submit',
      'username-error',
      'password-error',
      'confirm-error',
      'server-error',
      'strength',
    ]) {
      assert.equal(body.split(`id="${id}"`).length - 1, 1, `exactly one #${id}`);
    }
    for (const id of ['username', 'password', 'confirm', 'description']) {
      assert.ok(body.includes(`<label for="${id}">`), `label for #${id}`);
    }
    assert.match(body, /id="roles" role="group" aria-labelledby="roles-label"/, 'the roles group is labelled');
    assert.equal(
      body.match(/<label class="check"><input type="checkbox"/g)?.length,
      3,
      'each role is a labelled checkbox',
    );
    assert.ok(/<button type="button" id="submit" disabled>/.test(body), 'submit starts disabled');
  });

  test('user form: no description field where the server has none', () => {
    const body = userFormBody({ connectionName: 'c', profileLabel: 'p', roles: [], descriptionSupported: false });
    assert.ok(!body.includes('id="description"'));
  });

  test('connection form: title escaped, stable ids present, every control labelled', () => {
    const body = connectionFormBody(`Edit ${EVIL}`);
    assert.ok(body.includes('<h1>Edit &lt;script&gt;'));
    const ids = [
      'name',
      'uri',
      'database',
      'auth',
      'username',
      'password',
      'token',
      'tls',
      'caPath',
      'certPath',
      'keyPath',
      'serverName',
      'sessionOnly',
      'ruleProfile',
    ];
    for (const id of [...ids, 'test', 'save', 'form-error', 'form-status']) {
      assert.equal(body.split(`id="${id}"`).length - 1, 1, `exactly one #${id}`);
    }
    for (const id of ids) assert.ok(body.includes(`<label for="${id}">`), `label for #${id}`);
    for (const id of ['caPath', 'certPath', 'keyPath']) assert.ok(body.includes(`id="${id}-browse"`));
    assert.doesNotMatch(
      body,
      /value="[^"]+"\s*(?:autocomplete|spellcheck)?[^>]*type="password"/,
      'no prefilled secret',
    );
  });

  test('no password-manager bait (issue 11): no <form>, no submit button, password inputs one-time-code, others off', () => {
    const bodies = {
      user: userFormBody({ connectionName: 'c', profileLabel: 'p', roles: ['r'], descriptionSupported: true }),
      connection: connectionFormBody('Add'),
    };
    for (const [name, body] of Object.entries(bodies)) {
      assert.doesNotMatch(body, /<form[\s>]/i, `${name} form: no <form> element`);
      assert.doesNotMatch(body, /type="submit"/, `${name} form: no submit button`);
      const inputs = body.match(/<input\b[^>]*>/g) ?? [];
      for (const input of inputs.filter((i) => /type="(text|password)"/.test(i))) {
        const expected = input.includes('type="password"') ? 'one-time-code' : 'off';
        assert.ok(
          input.includes(`autocomplete="${expected}"`),
          `${name} form: ${input} has autocomplete="${expected}"`,
        );
      }
      assert.ok(
        inputs.some((i) => i.includes('type="password"')),
        `${name} form has a password input`,
      );
    }
  });
});
