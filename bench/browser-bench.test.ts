import { expect, it } from 'vitest';
import { browserSuite } from '../test-support/chromium.js';
import { benchBrowser } from './browser-bench.js';

browserSuite('browser bench')('benchBrowser', () => {
  it('climbs the levels of concurrent browser agents and reports the clean one and the CPU per flow', async () => {
    const logged: string[] = [];
    const [agents, cpu, ...rest] = await benchBrowser({ levels: [2], log: (l) => logged.push(l) });
    expect(rest).toEqual([]);
    expect(logged).toEqual([expect.stringMatching(/^bench browser: 2 agents → 2 confirmed, 0 errors/)]);
    expect(agents).toMatchObject({ name: 'browser.concurrentAgents', value: 2, referenceValue: 20, ratio: 0.1 });
    expect(cpu).toMatchObject({ name: 'browser.cpuPerFlow', unit: 'CPU-s' });
    expect(cpu?.value).toBeGreaterThan(0);
    expect(cpu?.referenceValue).toBeGreaterThan(0);
    expect(cpu?.ratio).toBeCloseTo((cpu?.value ?? 0) / (cpu?.referenceValue ?? 1), 5);
  });
});
