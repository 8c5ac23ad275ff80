import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResult, readResultFile, ResultFileError } from './read-result.js';
import { buildFixture } from './test-support/fixture.js';
import { withLive } from './test-support/live-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readResultFile', () => {
  it('reads a result written as JSON, keeping every field', () => {
    const fixture = buildFixture();
    const back = readResultFile(write('ok.json', JSON.stringify(fixture)));
    expect(back).toEqual(fixture);
  });

  it('accepts what the engine writes for undefined values: null metrics and n = 0 intervals', () => {
    const fixture = buildFixture();
    (fixture.policies[0]!.runs[0]!.metrics as Record<string, number | null>)['legit.waitDays.p50'] = null;
    fixture.policies[0]!.summary['legit.waitDays.p50'] = { mean: 0, low: 0, high: 0, n: 0 };
    expect(readResultFile(write('undefined.json', JSON.stringify(fixture)))).toEqual(fixture);
  });

  it('reads older files without the scenario\'s words, and locates a malformed label', () => {
    const legacy = buildFixture({ legacy: true });
    expect(readResultFile(write('legacy.json', JSON.stringify(legacy)))).toEqual(legacy);
    const broken = JSON.parse(JSON.stringify(buildFixture())) as { policies: { label?: unknown }[] };
    broken.policies[1]!.label = { fr: 'publication aléatoire' };
    expect(() => parseResult(broken, 'r.json')).toThrow(/at policies\[1\]\.label\.en: /);
  });

  it('refuses an unknown schema version by name', () => {
    const file = write('v2.json', JSON.stringify({ ...buildFixture(), schema: 'guichet.result/v2' }));
    expect(() => readResultFile(file)).toThrow(`${file}: unknown result schema "guichet.result/v2"; this guichet reads "guichet.result/v1"`);
  });

  it('refuses the part of one shard, so a fraction of the replications is never reported as the run', () => {
    const file = write('part.json', JSON.stringify({ schema: 'guichet.partial/v1', shard: { index: 2, count: 8 }, runs: [] }));
    expect(() => readResultFile(file)).toThrow(`${file}: is the part of one shard (2/8) of a sharded run, not a whole result; merge every part first`);
  });

  it('locates a missing metric by its JSON path', () => {
    const broken = buildFixture();
    delete (broken.policies[1]!.summary as Partial<typeof broken.policies[1]['summary']>)['traffic.botShare'];
    expect(() => parseResult(JSON.parse(JSON.stringify(broken)), 'r.json')).toThrow(/r\.json: not a valid guichet result\n {2}at policies\[1\]\.summary\["traffic\.botShare"\]: /);
  });

  it('rejects a policy without replications and a bad objective', () => {
    const broken = buildFixture();
    broken.policies[0]!.runs = [];
    (broken.scenario.objective as { metric: string }).metric = 'happiness';
    let message = '';
    try { parseResult(broken); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('at scenario.objective.metric');
    expect(message).toContain('at policies[0].runs');
  });

  it('explains unreadable and non-JSON files without a stack trace', () => {
    expect(() => readResultFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read \(no such file\)/);
    expect(() => readResultFile(write('bad.json', '{"schema": '))).toThrow(ResultFileError);
    expect(() => readResultFile(write('bad2.json', '{"schema": '))).toThrow(/bad2\.json: not JSON/);
    expect(() => parseResult(null)).toThrow(/not a valid guichet result/);
  });

  it('reads a live run, keeping its live blocks, under the same result schema', () => {
    const live = withLive(buildFixture({ policies: 2, replications: 2 }));
    expect(live.schema).toBe('guichet.result/v1');
    const back = readResultFile(write('live.json', JSON.stringify(live)));
    expect(back).toEqual(JSON.parse(JSON.stringify(live)));
    expect(back.policies[1]!.runs[1]!.live!.populations[0]!.id).toBe('people');
  });

  it('refuses a live block of another version by name and place, and locates a malformed one', () => {
    const live = JSON.parse(JSON.stringify(withLive(buildFixture({ policies: 2, replications: 2 })))) as ReturnType<typeof withLive>;
    const newer = structuredClone(live);
    (newer.policies[1]!.runs[0]!.live as { schema: string }).schema = 'guichet.live/v2';
    expect(() => parseResult(newer, 'r.json')).toThrow('r.json: at policies[1].runs[0].live.schema: unknown live block schema "guichet.live/v2"; this guichet reads "guichet.live/v1"');
    const unversioned = structuredClone(live);
    delete (unversioned.policies[0]!.runs[1]!.live as { schema?: string }).schema;
    expect(() => parseResult(unversioned, 'r.json')).toThrow(/at policies\[0\]\.runs\[1\]\.live\.schema: unknown live block schema null/);
    const broken = structuredClone(live);
    (broken.policies[0]!.runs[0]!.live!.populations[0]!.all.latency as { p95: unknown }).p95 = 'slow';
    delete (broken.policies[1]!.runs[1]!.live as { reconciliation?: unknown }).reconciliation;
    let message = '';
    try { parseResult(broken, 'r.json'); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('r.json: not a valid guichet result');
    expect(message).toContain('at policies[0].runs[0].live.populations[0].all.latency.p95');
    expect(message).toContain('at policies[1].runs[1].live.reconciliation');
  });
});
