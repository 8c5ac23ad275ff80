/**
 * `npm run bench [-- [--strict] suite…]`: every figure is a ratio to a reference measured in the
 * same run, because the machine is shared and noisy. Results go in BENCHMARKS.md with this
 * command. A line whose reference cannot run is reported loudly, with the command that installs
 * it; with --strict the bench then exits with 1, so that a missing reference cannot go unnoticed.
 */
import { missingReferences, type BenchLine } from './bench-line.js';

type Suite = { name: string; run: () => Promise<BenchLine[]> };

const SUITES: Suite[] = [
  { name: 'store', run: async () => (await import('./store-bench.js')).benchStore() },
  { name: 'http', run: async () => (await import('./http-bench.js')).benchHttp() },
  { name: 'simulation', run: async () => (await import('./sim-bench.js')).benchSimulation() },
  { name: 'driver', run: async () => (await import('./driver-bench.js')).benchDriver() },
  { name: 'browser', run: async () => (await import('./browser-bench.js')).benchBrowser() },
];

function fmt(v: number): string {
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm run bench [-- [--strict] [suite…]]

Prints each figure as a ratio to a reference measured in the same run (the machine may be busy).
Suites: ${SUITES.map((s) => s.name).join(', ')} (default: all).
  --strict    exit 1 when a line's reference cannot run (e.g. SimPy missing)
  -h, --help  this help`);
  process.exit(0);
}
const flags = args.filter((a) => a.startsWith('-'));
const only = args.filter((a) => !a.startsWith('-'));
const badFlags = flags.filter((f) => f !== '--strict');
const unknown = only.filter((o) => !SUITES.some((s) => s.name === o));
if (badFlags.length || unknown.length) {
  if (badFlags.length) console.error(`bench: unknown option ${badFlags.join(', ')}; options: --strict, --help`);
  if (unknown.length) console.error(`bench: unknown suite ${unknown.join(', ')}; suites: ${SUITES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const strict = flags.includes('--strict');
console.log(`guichet bench — node ${process.version}, ${new Date().toISOString()}`);
console.log('| measure | value | reference | ratio | aim |');
console.log('| --- | --- | --- | --- | --- |');
for (const suite of SUITES.filter((s) => only.length === 0 || only.includes(s.name))) {
  for (const l of await suite.run()) {
    console.log(`| ${l.name} | ${fmt(l.value)} ${l.unit} | ${l.reference}: ${fmt(l.referenceValue)} ${l.unit} | ${l.ratio.toFixed(2)} | ${l.aim} |`);
  }
}
for (const m of missingReferences) {
  console.log(`| ${m.line} | NOT MEASURED: ${m.why} | install: \`${m.fix}\` | – | – |`);
}
if (missingReferences.length > 0) {
  console.error(`bench: ${missingReferences.length} line(s) not measured, their reference is missing (see above)${strict ? '; failing (--strict)' : '; --strict makes this a failure'}`);
  if (strict) process.exitCode = 1;
}
