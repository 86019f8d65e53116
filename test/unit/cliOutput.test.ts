// How the command line prints an error's second line (src/cli/output.ts): Milvus's own text when our sentence does
// not already quote it, never a transport text of gRPC's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MilvusError } from '../../src/core/errors/milvusError';
import { serverLine, withoutIpServerNameWarning } from '../../src/cli/output';

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

  test('only the IP-as-server-name warning (DEP0123) is dropped, in either form of emitWarning', async () => {
    const original = process.emitWarning;
    const seen: string[] = [];
    const listener = (warning: Error & { code?: string }): void => void seen.push(warning.code ?? warning.message);
    process.on('warning', listener);
    withoutIpServerNameWarning(process);
    try {
      process.emitWarning('an IP as the TLS server name', 'DeprecationWarning', 'DEP0123');
      process.emitWarning('an IP as the TLS server name', { type: 'DeprecationWarning', code: 'DEP0123' });
      process.emitWarning('something else', 'DeprecationWarning', 'DEP0005');
      process.emitWarning('another', { type: 'Warning', code: 'MAM_TEST' });
      process.emitWarning('no code at all');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(seen, ['DEP0005', 'MAM_TEST', 'no code at all']);
    } finally {
      process.emitWarning = original;
      process.off('warning', listener);
    }
  });
});
