/**
 * Type-checks a k6 script against @types/k6, as k6 itself would see it: no Node types, no DOM,
 * only k6's modules and globals (__ENV, __VU), strict. Returns the diagnostics, one line each.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const K6_TYPES = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '@types', 'k6');

export function typeCheckK6Script(file: string): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2020.d.ts'],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: true,
    baseUrl: dirname(file),
    // the script sits anywhere (a temporary folder): point k6's modules at the installed types
    paths: { 'k6': [join(K6_TYPES, 'index.d.ts')], 'k6/*': [join(K6_TYPES, '*', 'index.d.ts')] },
  };
  const program = ts.createProgram([file, join(K6_TYPES, 'global.d.ts')], options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1} ${text}`;
  });
}
