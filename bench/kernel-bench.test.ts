import { afterEach, describe, expect, it, vi } from 'vitest';
import { missingReferences } from './bench-line.js';
import { benchKernel, SIMPY_INSTALL } from './kernel-bench.js';

describe('benchKernel', () => {
  afterEach(() => { missingReferences.length = 0; vi.restoreAllMocks(); });

  it('without SimPy, measures no line and says loudly which command installs it', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const lines = benchKernel(['/nonexistent/python3']);
    expect(lines).toEqual([]);
    expect(missingReferences).toHaveLength(1);
    expect(missingReferences[0]).toMatchObject({ line: '(a) kernel events/s', fix: SIMPY_INSTALL });
    expect(missingReferences[0]?.why).toContain('/nonexistent/python3');
    const said = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(said).toContain('NOT MEASURED');
    expect(said).toContain('apt-get install -y python3-simpy3');
  });
});
