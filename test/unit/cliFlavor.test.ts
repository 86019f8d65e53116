// milvus-rbac --flavor: the choice wins; without it the flavour is told from the URI's host by the extension's own
// rule (core/access/flavor.ts), so a Zilliz Cloud endpoint gets the cloud's rules on the command line too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs, UsageError } from '../../src/cli/args';
import { cliConnection } from '../../src/cli/connection';

function flavorOf(argv: string[]): string | undefined {
  const args = parseCliArgs(['export', ...argv], {});
  return cliConnection(args, {}).profile.flavor;
}

test('without --flavor the URI decides: Serverless, Dedicated, or Milvus', () => {
  assert.equal(flavorOf(['--uri', 'https://in03-abc.serverless.gcp-us-west1.cloud.zilliz.com']), 'zilliz-serverless');
  assert.equal(
    flavorOf(['--uri', 'https://in01-abc.aws-us-west-2.vectordb.zillizcloud.com:19530']),
    'zilliz-dedicated',
  );
  assert.equal(flavorOf(['--uri', 'http://localhost:19530']), 'milvus');
});

test('--flavor wins over the URI; an unknown one is refused with the choices', () => {
  assert.equal(flavorOf(['--uri', 'http://10.0.0.5:19530', '--flavor', 'zilliz-dedicated']), 'zilliz-dedicated');
  assert.equal(flavorOf(['--uri', 'https://in01-abc.zillizcloud.com', '--flavor', 'milvus']), 'milvus');
  assert.throws(
    () => parseCliArgs(['export', '--uri', 'http://h:1', '--flavor', 'cloud'], {}),
    (e: unknown) =>
      e instanceof UsageError && /--flavor cloud is not known: use milvus, zilliz-dedicated/.test(e.message),
  );
});
