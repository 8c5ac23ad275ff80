import { describe, expect, it } from 'vitest';
import { ms, statusesText, stressProgress, type StressAsk } from './stress-output.js';

const ASK: StressAsk = { url: 'http://127.0.0.1:1/', rate: 100, connections: 10, seconds: 30, rampSeconds: 0, maxRequests: 3000, ips: 0 };

describe('stress output', () => {
  it('prints a progress line after the first second, then at most one every few seconds, totals so far', () => {
    let t = 0;
    const lines: string[] = [];
    const p = stressProgress(ASK, { quiet: false, stream: { write: (s: string) => lines.push(s) }, everyMs: 5000, now: () => t });
    for (let s = 1; s <= 11; s++) {
      t = s * 1000;
      p.second(100, s === 3 ? 2 : 0);
    }
    expect(lines).toEqual([
      'flooding: 1 s of 30 s, 100 requests (100/s), 0 errors\n',
      'flooding: 6 s of 30 s, 600 requests (100/s), 2 errors\n',
      'flooding: 11 s of 30 s, 1,100 requests (100/s), 2 errors\n',
    ]);
  });

  it('prints nothing when quiet', () => {
    const lines: string[] = [];
    const p = stressProgress(ASK, { quiet: true, stream: { write: (s: string) => lines.push(s) } });
    p.second(100, 0);
    expect(lines).toEqual([]);
  });

  it('writes latencies with three significant digits and statuses most frequent first', () => {
    expect([ms(0.8421), ms(12.345), ms(1204.4)]).toEqual(['0.84 ms', '12.3 ms', '1,204 ms']);
    expect(statusesText({ 429: 12, 200: 988, 503: 12 })).toBe('200: 988  429: 12  503: 12');
    expect(statusesText({})).toBe('none (no HTTP answer)');
  });
});
