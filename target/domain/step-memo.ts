/**
 * The last few answers of a step function of time (the Paris week of an instant, the next
 * release after it): each answer is kept with the interval [from, to) on which it holds, so a
 * caller that keeps asking about nearby instants skips the calendar arithmetic.
 */
export class StepMemo {
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly values: number[] = [];
  private next = 0;

  constructor(private readonly size = 4) {}

  get(x: number): number | undefined {
    for (let i = 0; i < this.values.length; i++) {
      if (x >= (this.from[i] as number) && x < (this.to[i] as number)) return this.values[i];
    }
    return undefined;
  }

  /** `value` is the answer for every instant in [from, to); the oldest answer kept makes room. */
  set(from: number, to: number, value: number): void {
    const i = this.next;
    this.from[i] = from;
    this.to[i] = to;
    this.values[i] = value;
    this.next = (i + 1) % this.size;
  }
}
