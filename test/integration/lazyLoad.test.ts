// The SDK must not load when the core facade is imported, only on the first connect (node --test runs each file in its
// own process, so the require cache starts clean here). Only milvusAdmin is imported statically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectMilvus, isSdkLoaded } from '../../src/core/milvus/connect';

const cached = (part: string): boolean => Object.keys(require.cache).some((k) => k.includes(part));
const SDK_ENTRY = 'milvus2-sdk-node/dist/milvus/MilvusClient.js';

test('importing milvusAdmin does not load the SDK; connectMilvus does', async () => {
  assert.equal(isSdkLoaded(), false);
  assert.equal(cached('milvus2-sdk-node'), false, 'no SDK file in require.cache after importing milvusAdmin');

  // The test server reads the SDK's proto JSON files, but must not pull in the SDK's entry point either.
  const { profileFor, ROOT_PASSWORD, startServer } = await import('./helpers.js');
  const server = await startServer({ auth: true });
  try {
    assert.equal(isSdkLoaded(), false);
    assert.equal(cached(SDK_ENTRY), false);
    const api = await connectMilvus(profileFor(server), { password: ROOT_PASSWORD });
    assert.equal(isSdkLoaded(), true);
    assert.equal(cached(SDK_ENTRY), true);
    await api.close();
  } finally {
    await server.stop();
  }
});
