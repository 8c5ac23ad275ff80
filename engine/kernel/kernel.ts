/**
 * Discrete-event kernel in the manner of SimPy: a binary heap of events keyed by (time,
 * sequence), so that events at the same time run in the order they were scheduled (FIFO ties)
 * and a run is deterministic. Processes are generators that yield delays.
 *
 * Hot path: an event is a row of parallel typed arrays (sequence, code) plus two object columns
 * (handler, payload); the heap orders row numbers, and freed rows are reused. The heap keeps
 * each entry's time beside its row number, so that sifting compares times without a detour
 * through the rows (the sequence, for ties only, is read from the row). Scheduling
 * an event allocates nothing once the arrays have grown, and handlers are long-lived objects
 * (an agent, a dispatcher) rather than a closure per event.
 *
 * Two things make the heap fast (measured by `npm run bench`, line (a)). While an event fires,
 * its entry stays at the root, vacant: most handlers schedule their next event at once, and that
 * event takes the root's place and sifts down once, instead of a pop and a push. And the smaller
 * child is picked by arithmetic on the comparison rather than by a branch the processor cannot
 * predict (half the time it is the other child).
 */

import type { EventHandler, Scheduler } from './scheduler.js';

export type { EventHandler } from './scheduler.js';

export class Kernel implements Scheduler {
  /** virtual time of the event being run (ms) */
  now: number;
  /** events run so far */
  fired = 0;
  private seqs = new Float64Array(1024);
  private codes = new Int32Array(1024);
  private handlers: (EventHandler | undefined)[] = new Array(1024);
  private payloads: unknown[] = new Array(1024);
  /** heap of row numbers */
  private heap = new Int32Array(1024);
  /** heapTimes[i]: the time of the event in row heap[i] */
  private heapTimes = new Float64Array(1024);
  private size = 0;
  private freeRows: number[] = [];
  private nextRow = 0;
  private seq = 0;
  /** true while the event at the heap's root fires: the first event it schedules takes its place */
  private rootVacant = false;

  constructor(start = 0) {
    this.now = start;
  }

  get pending(): number {
    return this.rootVacant ? this.size - 1 : this.size;
  }

  /** Time of the next event, or Infinity when none is left. */
  peekTime(): number {
    if (!this.rootVacant) return this.size === 0 ? Infinity : (this.heapTimes[0] as number);
    const l = this.size > 1 ? (this.heapTimes[1] as number) : Infinity;
    const r = this.size > 2 ? (this.heapTimes[2] as number) : Infinity;
    return l < r ? l : r;
  }

  /** Schedules `handler.fire(code, payload)` at absolute time `time` (never before now). */
  at(time: number, handler: EventHandler, code = 0, payload?: unknown): void {
    if (!(time >= this.now)) {
      throw new RangeError(`cannot schedule at ${time}: before now (${this.now}) or not a number`);
    }
    const row = this.freeRows.length > 0 ? (this.freeRows.pop() as number) : this.allocRow();
    this.seqs[row] = this.seq++;
    this.codes[row] = code;
    this.handlers[row] = handler;
    this.payloads[row] = payload;
    if (this.rootVacant) {
      this.rootVacant = false;
      this.down(row, time, this.size);
    } else {
      this.up(this.size++, row, time);
    }
  }

  after(delay: number, handler: EventHandler, code = 0, payload?: unknown): void {
    this.at(this.now + delay, handler, code, payload);
  }

  /** Starts a process: each value it yields is a delay in ms before it resumes. */
  process(body: Generator<number, void, void>, delay = 0): void {
    this.at(this.now + delay, new Process(this, body));
  }

  /** Runs events in order while their time is <= until; leaves `now` at the last event run (or at until). */
  run(until = Infinity): void {
    if (this.rootVacant) this.vacateRoot(); // a handler threw out of the last run()
    while (this.size > 0) {
      const t = this.heapTimes[0] as number;
      if (t > until) break;
      const row = this.heap[0] as number;
      this.now = t;
      const handler = this.handlers[row] as EventHandler;
      const payload = this.payloads[row];
      const code = this.codes[row] as number;
      this.handlers[row] = undefined;
      this.payloads[row] = undefined;
      this.freeRows.push(row);
      this.fired++;
      this.rootVacant = true;
      handler.fire(code, payload);
      if (this.rootVacant) this.vacateRoot();
    }
    if (until !== Infinity && until > this.now) this.now = until;
  }

  private allocRow(): number {
    const row = this.nextRow++;
    if (row >= this.seqs.length) this.grow();
    return row;
  }

  private grow(): void {
    const n = this.seqs.length * 2;
    const s = new Float64Array(n); s.set(this.seqs); this.seqs = s;
    const c = new Int32Array(n); c.set(this.codes); this.codes = c;
    const h = new Int32Array(n); h.set(this.heap); this.heap = h;
    const ht = new Float64Array(n); ht.set(this.heapTimes); this.heapTimes = ht;
    this.handlers.length = n;
    this.payloads.length = n;
  }

  /** Puts `row` (due at `time`) into the heap from the free position i upwards. */
  private up(i: number, row: number, time: number): void {
    const heap = this.heap;
    const heapTimes = this.heapTimes;
    const seq = this.seqs[row] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = heapTimes[parent] as number;
      if (pt < time || (pt === time && (this.seqs[heap[parent] as number] as number) < seq)) break;
      heap[i] = heap[parent] as number;
      heapTimes[i] = pt;
      i = parent;
    }
    heap[i] = row;
    heapTimes[i] = time;
  }

  /** Removes the vacant root (its event fired and scheduled nothing): the last entry sifts down. */
  private vacateRoot(): void {
    this.rootVacant = false;
    const n = --this.size;
    if (n > 0) this.down(this.heap[n] as number, this.heapTimes[n] as number, n);
  }

  /** Puts `row` (due at `time`) at the root of a heap of n entries and sifts it down. */
  private down(row: number, time: number, n: number): void {
    const heap = this.heap;
    const heapTimes = this.heapTimes;
    const seqs = this.seqs;
    const seq = seqs[row] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = l;
      let ct = heapTimes[l] as number;
      if (r < n) {
        const rt = heapTimes[r] as number;
        if (rt === ct) {
          if ((seqs[heap[r] as number] as number) < (seqs[heap[l] as number] as number)) child = r;
        } else {
          // branch-free: l or l + 1, from the comparison as 0 or 1
          child = l + (((rt < ct) as unknown as number) | 0);
          ct = heapTimes[child] as number;
        }
      }
      if (ct > time || (ct === time && (seqs[heap[child] as number] as number) >= seq)) break;
      heap[i] = heap[child] as number;
      heapTimes[i] = ct;
      i = child;
    }
    heap[i] = row;
    heapTimes[i] = time;
  }
}

/** A generator process: resumes after each yielded delay until it returns. */
class Process implements EventHandler {
  constructor(private readonly kernel: Kernel, private readonly body: Generator<number, void, void>) {}

  fire(): void {
    const step = this.body.next();
    if (step.done) return;
    this.kernel.after(step.value, this);
  }
}
