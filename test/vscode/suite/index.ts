// Test runner that VS Code's extension host loads through --extensionTestsPath: runs every *.test.js beside it.
import { runMochaIn } from '../mochaIndex';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
