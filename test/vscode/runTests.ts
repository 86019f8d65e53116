// Runs the mocha suites in test/vscode/suite inside a real VS Code (see runner.ts).
// Run it inside scripts/with-keyring.sh so keytar finds an unlocked Secret Service in the extension host.
// Env: MILVUS_AM_TEST_GREP=<regex> runs only the matching tests.
import { runSuite } from './runner';

runSuite('suite', 'mam-vscode-test-');
