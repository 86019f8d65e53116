// The line the connection form's Test and Test Connection show names the product it reached (issue 20 item 6).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeServer } from '../../src/core/milvus/describe';
import type { ServerInfo } from '../../src/core/types';

const info: ServerInfo = { version: 'v2.5.4', user: 'db_admin', database: 'default', tls: 'off', flavor: 'milvus' };

test('Milvus is called Milvus, with its version and the TLS mode when there is one', () => {
  assert.equal(describeServer(info), 'Connected to Milvus v2.5.4 as db_admin (database default).');
  assert.equal(
    describeServer({ ...info, user: undefined, tls: 'oneWay' }),
    'Connected to Milvus v2.5.4 as anonymous (database default, TLS oneWay).',
  );
});

test('a Zilliz Cloud cluster is called Zilliz Cloud, Dedicated or Serverless, not Milvus', () => {
  assert.equal(
    describeServer({ ...info, flavor: 'zilliz-dedicated', tls: 'oneWay' }),
    'Connected to Zilliz Cloud (Dedicated, compatible with Milvus v2.5.4) as db_admin (database default, TLS oneWay).',
  );
  assert.match(describeServer({ ...info, flavor: 'zilliz-serverless' }), /^Connected to Zilliz Cloud \(Serverless,/);
});
