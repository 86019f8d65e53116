// Packages a test-only extension folder into a VSIX with the repository's vsce (offline, no dependencies).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/codeServer';

export async function packageVsix(srcDir: string, vsix: string): Promise<string> {
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  await new Promise<void>((resolve, reject) => {
    execFile(
      vsce,
      ['package', '--no-dependencies', '--allow-missing-repository', '--out', vsix],
      { cwd: srcDir, timeout: 60_000 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`vsce package failed: ${err.message}\n${stdout}${stderr}`)) : resolve(),
    );
  });
  return vsix;
}
