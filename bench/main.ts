/**
 * `npm run bench`: every figure is a ratio to a reference measured in the same run, because
 * the machine is shared and noisy. Results go in BENCHMARKS.md with this command.
 */
import type { BenchLine } from './bench-line.js';

type Suite = { name: string; run: () => Promise<BenchLine[]> };

const SUITES: Suite[] = [
  { name: 'store', run: async () => (await import('./store-bench.js')).benchStore() },
  { name: 'http', run: async () => (await import('./http-bench.js')).benchHttp() },
  { name: 'browser', run: async () => (await import('./browser-bench.js')).benchBrowser() },
  { name: 'simulation', run: async () => (await import('./sim-bench.js')).benchSimulation() },
];

function fmt(v: number): string {
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3);
}

const only = process.argv.slice(2);
const unknown = only.filter((o) => !SUITES.some((s) => s.name === o));
if (unknown.length) {
  console.error(`bench: unknown suite ${unknown.join(', ')}; suites: ${SUITES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
console.log(`guichet bench — node ${process.version}, ${new Date().toISOString()}`);
console.log('| measure | value | reference | ratio | aim |');
console.log('| --- | --- | --- | --- | --- |');
for (const suite of SUITES.filter((s) => only.length === 0 || only.includes(s.name))) {
  for (const l of await suite.run()) {
    console.log(`| ${l.name} | ${fmt(l.value)} ${l.unit} | ${l.reference}: ${fmt(l.referenceValue)} ${l.unit} | ${l.ratio.toFixed(2)} | ${l.aim} |`);
  }
}
