// The linux-x64 VSIX carries keytar (dist/node_modules/keytar, a native module); the universal VSIX carries no native
// code and so no keytar. Which one is installed is told by whether the module resolves: resolving reads no binary.
let found: boolean | undefined;

/** Whether this build carries keytar; asked once per session. `resolve` is for tests. */
export function keytarInBuild(resolve: (id: string) => string = require.resolve): boolean {
  if (found === undefined) {
    try {
      resolve('keytar');
      found = true;
    } catch {
      found = false;
    }
  }
  return found;
}
