// Test runner for the no-keychain suite (loaded through --extensionTestsPath by test/vscode/runNoKeychain.ts): runs
// every *.test.js beside it. Kept apart from test/vscode/suite because it needs an extension host without D-Bus.
import { runMochaIn } from '../mochaIndex';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
