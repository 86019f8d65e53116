// `node --test-reporter=spec out/test/inProcess.js FILE…`: runs node:test files in this one process, one after another
// (scripts/test.sh: the unit and server stages, each integration job, each e2e queue entry). `node --test` starts a
// process per file, and each would load the same modules again (TypeScript, the SDK's protocol files): one process takes
// the unit stage from about 36 to 20 CPU seconds. A file that needs a process of its own (one that checks which modules
// are loaded) is run with `node --test` (INTEGRATION_OWN_PROCESS). A failed test sets the exit code, as under
// `node --test`.
import path from 'node:path';

// Files named at run time, loaded in order before any test starts: require is the loader for that.
// eslint-disable-next-line @typescript-eslint/no-require-imports
for (const file of process.argv.slice(2)) require(path.resolve(file));
