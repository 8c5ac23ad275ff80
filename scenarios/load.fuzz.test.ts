/**
 * The scenario loader fuzzed: mutations of the shipped scenarios (lines deleted, duplicated or
 * swapped, odd Unicode and YAML syntax spliced in, values replaced by huge numbers or deep
 * nesting, truncation; and on the parsed data, keys deleted or duplicated, values of the wrong
 * type, written back as YAML or JSON) go through the loader and through the file path that
 * `guichet validate` takes. Each input must give a scenario (or a policy file) or the loader's
 * own located error: never any other exception.
 *
 * Bounded: GUICHET_PROPERTY_RUNS raises the number of runs; a failure prints fast-check's seed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { propertyRuns } from '../target/domain/test-support/random-commands.js';
import { ScenarioError } from './errors.js';
import { parseScenario } from './load.js';
import { loadConfigFile } from './load-policy.js';

const SOURCES = [
  ...readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`),
  ...readdirSync('scenarios/fixtures/good').map((f) => `scenarios/fixtures/good/${f}`),
].sort().map((file) => ({ file, text: readFileSync(file, 'utf8') }));

const dir = mkdtempSync(join(tmpdir(), 'guichet-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pieces that break YAML, JSON or the schema in the ways files get broken. */
const ODD = [
  '\t', '\u0000', '\uFEFF', '\u202E', '\uD800', '\u00A0', '\r', '\r\n', '"', "'", ':', ': ', '- ', '-', '{', '}', '[', ']', ',',
  '&a ', '*a', '<<: *a', '<<: [1]', '!!binary ', '!!js/function ', '!x ', '---\n', '...\n', '%YAML 1.1\n', '? ', '|', '>', '#', '@', '`',
  '1e400', '-1e400', '.inf', '.nan', '-0', '0x1F', '0o17', '9'.repeat(400), '2019-02-30', '25:61', '-1w', '1e9w', 'null', '~', 'true',
  '__proto__: 1\n', 'constructor: {}\n', '['.repeat(3000), '['.repeat(50_000), '{"a":'.repeat(30_000), '{a: '.repeat(500), 'é'.repeat(5000), '👩‍👩‍👧', 'x'.repeat(100_000),
];

const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...ODD), weight: 3 },
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.double().map(String),
  fc.bigInt().map(String),
);

type TextMutation = (text: string) => string;
const lines = (t: string) => t.split('\n');
const at = (n: number, len: number) => (len === 0 ? 0 : n % len);

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 12 })).map(([k, n]): TextMutation => (t) => { const l = lines(t); l.splice(at(k, l.length), n); return l.join('\n'); }),
  fc.nat().map((k): TextMutation => (t) => { const l = lines(t); const i = at(k, l.length); l.splice(i, 0, l[i] ?? ''); return l.join('\n'); }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): TextMutation => (t) => {
    const l = lines(t); const i = at(a, l.length); const j = at(b, l.length); [l[i], l[j]] = [l[j] ?? '', l[i] ?? '']; return l.join('\n');
  }),
  fc.tuple(fc.nat(), piece).map(([k, p]): TextMutation => (t) => { const i = at(k, t.length + 1); return t.slice(0, i) + p + t.slice(i); }),
  // a value replaced: the text after the first ": " of some line
  fc.tuple(fc.nat(), piece).map(([k, p]): TextMutation => (t) => {
    const l = lines(t); const i = at(k, l.length); const line = l[i] ?? ''; const c = line.indexOf(': ');
    if (c >= 0) l[i] = `${line.slice(0, c + 2)}${p}`;
    return l.join('\n');
  }),
  fc.nat().map((k): TextMutation => (t) => t.slice(0, at(k, t.length + 1))),
  fc.nat().map((k): TextMutation => (t) => { const l = lines(t); const i = at(k, l.length); l[i] = `\t${l[i] ?? ''}`; return l.join('\n'); }),
);

/** A path into the data and what to do there. */
type DataMutation = { path: number[]; action: 'delete' | 'duplicate' | 'replace' | 'wrap' | 'nest'; value: unknown };
const dataMutation: fc.Arbitrary<DataMutation> = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  action: fc.constantFrom('delete' as const, 'duplicate' as const, 'replace' as const, 'wrap' as const, 'nest' as const),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(1e308, -1, 0, 0.5, 2 ** 53, '', 'x', null, [], {})),
});

/** Applies a mutation at the path (each number picks a key or an item, modulo the count). */
function mutate(data: unknown, m: DataMutation): unknown {
  const root = structuredClone(data);
  let node: unknown = root;
  for (let d = 0; d < m.path.length; d++) {
    if (typeof node !== 'object' || node === null) return root;
    const keys = Object.keys(node);
    if (keys.length === 0) return root;
    const key = keys[(m.path[d] as number) % keys.length] as string;
    const obj = node as Record<string, unknown>;
    const last = d === m.path.length - 1 || typeof obj[key] !== 'object' || obj[key] === null;
    if (!last) { node = obj[key]; continue; }
    if (m.action === 'delete') { if (Array.isArray(obj)) obj.splice(Number(key), 1); else delete obj[key]; }
    if (m.action === 'duplicate') obj[Array.isArray(obj) ? obj.length : `${key}s`] = structuredClone(obj[key]);
    if (m.action === 'replace') obj[key] = m.value;
    if (m.action === 'wrap') obj[key] = [obj[key]];
    if (m.action === 'nest') obj[key] = JSON.parse('{"a":'.repeat(200) + JSON.stringify(obj[key] ?? null) + '}'.repeat(200));
    return root;
  }
  return root;
}

/** Nesting thousands of levels deep, closed or not, where a value is expected: parsers that recurse overflow. */
const deep = fc.record({
  depth: fc.integer({ min: 100, max: 40_000 }), open: fc.constantFrom('[', '{"a":', '{a: ', '- '), closed: fc.boolean(), json: fc.boolean(),
}).map(({ depth, open, closed, json }) => {
  const close = open === '[' ? ']' : open === '- ' ? '' : '}';
  const body = open === '- ' ? Array.from({ length: Math.min(depth, 3000) }, (_, i) => `${' '.repeat(i)}- `).join('\n') : open.repeat(depth) + (closed ? `1${close.repeat(depth)}` : '');
  return { file: json ? 'fuzz.json' : 'fuzz.yaml', text: json ? `{"name": ${body}` + (closed ? '}' : '') : `name: ${body}` };
});

const input = fc.oneof(
  deep,
  fc.record({ source: fc.nat(), mutations: fc.array(textMutation, { minLength: 1, maxLength: 4 }) }).map(({ source, mutations }) => {
    const s = SOURCES[source % SOURCES.length]!;
    const json = s.file.endsWith('.json');
    return { file: json ? 'fuzz.json' : 'fuzz.yaml', text: mutations.reduce((t, f) => f(t), s.text) };
  }),
  fc.record({ source: fc.nat(), mutations: fc.array(dataMutation, { minLength: 1, maxLength: 4 }), json: fc.boolean() }).map(({ source, mutations, json }) => {
    const s = SOURCES[source % SOURCES.length]!;
    const data = mutations.reduce((d, m) => mutate(d, m), parse(s.text, { merge: true }) as unknown);
    return { file: json ? 'fuzz.json' : 'fuzz.yaml', text: json ? JSON.stringify(data, null, 2) : stringify(data) };
  }),
);

/** How the loader answered: loaded, refused with its located error, or broke its contract (why). */
function answer(load: () => unknown, file: string): 'loaded' | 'refused' | { broken: string } {
  try {
    load();
    return 'loaded';
  } catch (e) {
    if (!(e instanceof ScenarioError)) return { broken: `not a located error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
    if (e.issues.length === 0) return { broken: 'a ScenarioError with no issue' };
    for (const i of e.issues) {
      if (i.file !== file || !Number.isInteger(i.line) || !Number.isInteger(i.col) || i.line < 0 || i.col < 0) return { broken: `badly located: ${JSON.stringify(i)}` };
      // a stack trace or an engine's own failure is not a message for people
      if (typeof i.message !== 'string' || i.message.trim() === '' || /\n\s+at |call stack|out of memory/i.test(i.message)) return { broken: `bad message: ${JSON.stringify(i.message)}` };
    }
    return e.format().length > 0 ? 'refused' : { broken: 'an empty message' };
  }
}

describe('the scenario loader, fuzzed', () => {
  it('gives a scenario or its own located error for every mutated file, in memory and through validate\'s file path', () => {
    const tally = { inputs: 0, loaded: 0, refused: 0, uncaught: 0 };
    let n = 0;
    fc.assert(
      fc.property(input, ({ file, text }) => {
        tally.inputs++;
        const inMemory = answer(() => parseScenario(text, file), file);
        const path = join(dir, `${++n}-${file}`);
        writeFileSync(path, text);
        const onDisk = answer(() => loadConfigFile(path), path);
        rmSync(path);
        if (typeof inMemory !== 'string' || typeof onDisk !== 'string') tally.uncaught++;
        else tally[inMemory]++;
        // a broken contract shows its reason in the failure
        expect(typeof inMemory === 'string' ? inMemory : inMemory.broken).toMatch(/^(loaded|refused)$/);
        expect(typeof onDisk === 'string' ? onDisk : onDisk.broken).toMatch(/^(loaded|refused)$/);
      }),
      { numRuns: propertyRuns(300) },
    );
    console.log(`loader fuzz inputs: ${tally.inputs} (loaded: ${tally.loaded}, located errors: ${tally.refused}), uncaught: ${tally.uncaught}`);
  }, 120_000);
});
