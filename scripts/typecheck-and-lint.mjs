// `node scripts/typecheck-and-lint.mjs REPORT`: `tsc -p tsconfig.json` (type check, out/ emitted) and then `eslint .`,
// in one process over one TypeScript program. ESLint's type-aware rules otherwise build the same program again, with
// its own type checker: apart, the two took 17 and 32 CPU s; together 32 (2026-12-07). scripts/test.sh runs this in
// place of its typecheck stage and the ESLint half of `npm run lint`; `npm run lint` and `npm run compile` are unchanged.
// REPORT is written as soon as out/ is: "ok" or "failed" on its first line, then tsc's diagnostics, so that the
// stages that need out/ start while ESLint goes on. Exits 1 on a type error or an ESLint error, as the two commands do.
import fs from 'node:fs';
import { ESLint } from 'eslint';
import ts from 'typescript';

const report = process.argv[2];
if (!report) {
  console.error('usage: node scripts/typecheck-and-lint.mjs REPORT');
  process.exit(2);
}

const formatHost = {
  getCanonicalFileName: (file) => file,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};
const parsed = ts.getParsedCommandLineOfConfigFile(
  'tsconfig.json',
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      console.error(ts.formatDiagnostic(diagnostic, formatHost));
      process.exit(1);
    },
  },
);
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
const typeErrors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
fs.writeFileSync(
  `${report}.partial`,
  `${typeErrors ? 'failed' : 'ok'}\n${ts.formatDiagnostics(diagnostics, formatHost)}`,
);
fs.renameSync(`${report}.partial`, report); // whole or not at all: the reader polls for it

// eslint.config.mjs as it is, except that the type-aware rules read this program instead of building their own.
const eslint = new ESLint({
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false, programs: [program] } } },
  ],
});
const results = await eslint.lintFiles(['.']);
const text = (await eslint.loadFormatter('stylish')).format(results);
if (text) console.log(text);
const lintErrors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
console.log(
  `typecheck-and-lint: ${typeErrors} type error(s), ESLint ${lintErrors} error(s) in ${results.length} files`,
);
process.exitCode = typeErrors || lintErrors ? 1 : 0;
