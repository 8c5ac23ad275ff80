import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel, type EventHandler } from './kernel.js';

class Recorder implements EventHandler {
  log: string[] = [];
  constructor(private readonly kernel: Kernel) {}
  fire(code: number, payload: unknown): void {
    this.log.push(`${this.kernel.now}:${code}:${String(payload)}`);
  }
}

describe('Kernel', () => {
  it('runs events in time order whatever the order they were scheduled in', () => {
    const k = new Kernel();
    const r = new Recorder(k);
    for (const t of [50, 10, 40, 20, 30, 0]) k.at(t, r, t);
    k.run();
    expect(r.log).toEqual(['0:0:undefined', '10:10:undefined', '20:20:undefined', '30:30:undefined', '40:40:undefined', '50:50:undefined']);
  });

  it('breaks ties by scheduling order (FIFO), also for events scheduled while running', () => {
    const k = new Kernel();
    const r = new Recorder(k);
    const spawner: EventHandler = { fire: () => { k.at(5, r, 2, 'late'); k.at(5, r, 3, 'later'); } };
    k.at(5, r, 0, 'a');
    k.at(1, spawner);
    k.at(5, r, 1, 'b');
    k.run();
    expect(r.log).toEqual(['5:0:a', '5:1:b', '5:2:late', '5:3:later']);
  });

  it('keeps FIFO order among thousands of equal times mixed with others', () => {
    const k = new Kernel();
    const seen: number[] = [];
    const h: EventHandler = { fire: (code) => seen.push(code) };
    for (let i = 0; i < 5000; i++) k.at(i % 3 === 0 ? 7 : (i * 7919) % 13, h, i);
    k.run();
    const at7 = seen.filter((i) => i % 3 === 0 || (i * 7919) % 13 === 7);
    const firstSeven = seen.indexOf(at7[0] as number);
    expect(seen.slice(firstSeven, firstSeven + at7.length)).toEqual([...at7].sort((a, b) => a - b));
    expect(seen).toHaveLength(5000);
  });

  it('stops at `until` and resumes from there', () => {
    const k = new Kernel(100);
    const r = new Recorder(k);
    k.at(150, r, 1);
    k.at(250, r, 2);
    k.run(200);
    expect(r.log).toEqual(['150:1:undefined']);
    expect(k.now).toBe(200);
    expect(k.peekTime()).toBe(250);
    k.run();
    expect(r.log).toHaveLength(2);
  });

  it('refuses to schedule in the past', () => {
    const k = new Kernel(10);
    expect(() => k.at(5, { fire() {} })).toThrow(/before now/);
    expect(() => k.at(Number.NaN, { fire() {} })).toThrow(/not a number/);
  });

  it('drives generator processes that yield delays', () => {
    const k = new Kernel();
    const log: string[] = [];
    function* clock(name: string, every: number): Generator<number, void, void> {
      for (let i = 0; i < 3; i++) {
        log.push(`${name}@${k.now}`);
        yield every;
      }
    }
    k.process(clock('a', 10));
    k.process(clock('b', 15), 5);
    k.run();
    expect(log).toEqual(['a@0', 'b@5', 'a@10', 'b@20', 'a@20', 'b@35']);
  });

  it('is deterministic: the same schedule gives the same trace', () => {
    const trace = () => {
      const k = new Kernel();
      const out: number[] = [];
      let x = 12345;
      const h: EventHandler = {
        fire: (code) => {
          out.push(code);
          x = (x * 1103515245 + 12345) % 2147483648;
          if (out.length < 20_000) k.after(x % 100, h, code + 1);
        },
      };
      for (let i = 0; i < 10; i++) k.at(i, h, i * 100_000);
      k.run();
      return out;
    };
    expect(trace()).toEqual(trace());
  });

  // How fast is measured by `npm run bench` ((a) kernel events/s); here, what a million events mean.
  it('fires a million events in time order and ends at the virtual time of the last one', () => {
    const k = new Kernel();
    let n = 0;
    let last = -1;
    let backwards = 0;
    let lastScheduled = 0;
    const h: EventHandler = {
      fire: () => {
        if (k.now < last) backwards++;
        last = k.now;
        if (++n < 1_000_000) {
          k.after((n * 37) % 101, h);
          lastScheduled = Math.max(lastScheduled, k.now + ((n * 37) % 101));
        }
      },
    };
    for (let i = 0; i < 1000; i++) k.at(i, h);
    k.run();
    expect(k.fired).toBe(1_000_000 + 999);
    expect(backwards).toBe(0);
    expect(k.pending).toBe(0);
    expect(k.now).toBe(lastScheduled);
  });

  it('fires in (time, scheduling order) whatever handlers schedule while they fire', () => {
    // Each event, when it fires, schedules the delays listed for it (none, one or several):
    // the kernel must fire the same order as a plain sort by (time, sequence number).
    const plan = fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 3 }), { minLength: 1, maxLength: 300 });
    fc.assert(fc.property(plan, fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }), (children, starts) => {
      const k = new Kernel();
      const fired: number[] = [];
      const pending: { time: number; seq: number }[] = [];
      let seq = 0;
      const h: EventHandler = {
        fire: (code) => {
          fired.push(code);
          for (const d of children[code % children.length] as number[]) {
            if (seq >= 2000) return;
            pending.push({ time: k.now + d, seq });
            k.after(d, h, seq++);
          }
        },
      };
      for (const t of starts) { pending.push({ time: t, seq }); k.at(t, h, seq++); }
      k.run();
      const expected = pending.sort((a, b) => a.time - b.time || a.seq - b.seq).map((e) => e.seq);
      expect(fired).toEqual(expected);
    }));
  });

  it('counts the firing event as gone: pending and peekTime see only what is left', () => {
    const k = new Kernel();
    const seen: [number, number][] = [];
    const h: EventHandler = {
      fire: (code) => {
        seen.push([k.pending, k.peekTime()]);
        if (code === 1) k.at(30, h, 3);
        if (code === 1) seen.push([k.pending, k.peekTime()]);
      },
    };
    k.at(10, h, 1);
    k.at(20, h, 2);
    k.run();
    expect(seen).toEqual([[1, 20], [2, 20], [1, 30], [0, Infinity]]);
  });

  it('stays sound after a handler throws: the next run goes on from the following event', () => {
    const k = new Kernel();
    const log: number[] = [];
    const h: EventHandler = {
      fire: (code) => {
        if (code === 2) throw new Error('boom');
        log.push(code);
      },
    };
    for (const t of [1, 2, 3, 4]) k.at(t, h, t);
    expect(() => k.run()).toThrow('boom');
    expect(k.pending).toBe(2);
    k.run();
    expect(log).toEqual([1, 3, 4]);
    expect(k.pending).toBe(0);
  });
});
