// The access report pages: every name escaped in the markup, an empty report says so, and the rows are what the views say.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { whoCan } from '../../src/core/access/query';
import { effectiveAccess } from '../../src/core/access/effectivePrivileges';
import { accessReportBody } from '../../src/webview/accessReportMarkup';
import { effectiveAccessView, whoCanView } from '../../src/webview/accessReportViews';
import type { Grant } from '../../src/core/types';

const g = (role: string, privilege: string, objectName: string): Grant => ({
  role,
  privilege,
  objectType: 'Collection',
  objectName,
  dbName: 'default',
  grantor: 'root',
});

describe('access report', () => {
  test('names from the server are escaped; the filter and Copy as Markdown are there', () => {
    const access = effectiveAccess('<b>eve</b>', ['r"x'], new Map([['r"x', [g('r"x', 'Search', '<img src=x>')]]]), []);
    const html = accessReportBody(effectiveAccessView(access, '"Prod" (Milvus v2.6.19)'));
    assert.doesNotMatch(html, /<b>eve|<img/);
    assert.match(html, /&lt;b&gt;eve&lt;\/b&gt;/);
    assert.match(html, /<td>collection default\.&lt;img src=x&gt;<\/td><td>r&quot;x<\/td>/);
    assert.match(html, /<input id="filter" type="search" autocomplete="off"/);
    assert.match(html, /id="copy">Copy as Markdown</);
  });

  test('no rows: the sentence instead of a table, the filter disabled', () => {
    const html = accessReportBody(effectiveAccessView(effectiveAccess('bob', [], new Map(), []), 'here'));
    assert.doesNotMatch(html, /<table/);
    assert.match(html, /No privileges: every request that needs one is refused/);
    assert.match(html, /<input id="filter"[^>]* disabled>/);
    assert.doesNotMatch(
      html,
      /aria-controls="rows"/,
      'no reference to a table that is not there (axe: aria-valid-attr-value)',
    );
  });

  test('who can: one row per user and grant, unrestricted users marked; the Markdown copy has the same rows', () => {
    const users = [
      { name: 'root', roles: [] },
      { name: 'ann', roles: ['reader'] },
    ];
    const answer = whoCan(
      { privilege: 'Search', dbName: 'default', collectionName: 'books' },
      users,
      new Map([['reader', [g('reader', 'Search', 'books')]]]),
      [],
    );
    const view = whoCanView(answer, 'here');
    assert.equal(view.heading, 'Who can do Search on collection default.books');
    assert.deepEqual(view.rows, [
      ['root', '—', 'unrestricted', 'root is the built-in superuser: the server checks no privileges for it.'],
      ['ann', 'reader', 'Search', 'collection default.books'],
    ]);
    assert.match(view.markdown, /^\| ann \| reader \| Search \| collection default\.books \|$/m);
  });
});
