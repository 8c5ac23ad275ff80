/**
 * Builds the SQLite store into a temp dir as plain ESM JavaScript (typescript's transpileModule),
 * so that a child `node` process runs the real SqliteStore: tsx is not installed and Node 20
 * does not strip types.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SOURCES = [
  'target/domain/types.ts',
  'target/storage/identity-keys.ts',
  'target/storage/sqlite-rows.ts',
  'target/storage/sqlite-schema.ts',
  'target/storage/sqlite-statements.ts',
  'target/storage/sqlite-store.ts',
  'target/storage/store.ts',
];

/** A temp dir holding target/storage/sqlite-store.js and its imports; node_modules linked in. */
export function buildSqliteStoreForNode(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-store-build-'));
  for (const rel of SOURCES) {
    const source = fs.readFileSync(path.join(ROOT, rel), 'utf8');
    const out = ts.transpileModule(source, {
      fileName: rel,
      compilerOptions: {
        module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true,
      },
    });
    const dest = path.join(dir, rel.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, out.outputText);
  }
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}
