// How the command line prints an error's second line (src/cli/output.ts): Milvus's own text when our sentence does
// not already quote it, never a transport text of gRPC's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MilvusError } from '../../src/core/errors/milvusError';
import { serverLine } from '../../src/cli/output';

describe('milvus-rbac error lines', () => {
  test("Milvus's own text, once", () => {
    const refused = new MilvusError('permission', 'You may not do that.', {
      serverMessage: 'permission deny to ann in database default',
    });
    assert.equal(serverLine(refused), 'Milvus said: permission deny to ann in database default');
    const quoted = new MilvusError('server', 'Milvus refused it: role not found.', { serverMessage: 'role not found' });
    assert.equal(serverLine(quoted), undefined);
  });

  test("gRPC's transport text is never printed", () => {
    const unreachable = new MilvusError('unreachable', 'Cannot reach Milvus at h:1.', {
      transportMessage: 'No connection established. Last error: Failed to connect. Resolution note:',
    });
    assert.equal(serverLine(unreachable), undefined);
  });
});
