/**
 * A sorted array that removes near its front cheaply. The memory store's lists of released and
 * of available slots lose their earliest entries most (a slot is served or booked among the
 * first listed), and a splice there moves the whole list: here the few entries before the one
 * removed move up one place instead, into a gap kept at the front, reclaimed now and then.
 */
import type { Cmp } from './sorted.js';

export class SortedList<T> {
  private items: (T | undefined)[] = [];
  /** entries before this index are the gap */
  private head = 0;

  constructor(private readonly cmp: Cmp<T>) {}

  get length(): number {
    return this.items.length - this.head;
  }

  /** Inserts x in order; appends without searching when x sorts last. */
  insert(x: T): void {
    const items = this.items;
    const n = items.length;
    if (n === this.head || this.cmp(items[n - 1] as T, x) <= 0) {
      items.push(x);
      return;
    }
    const i = this.lowerBound(x);
    if (this.head > 0 && i - this.head < n - i) {
      // the entries before i move down into the gap
      for (let j = this.head; j < i; j++) items[j - 1] = items[j];
      this.head--;
      items[i - 1] = x;
    } else items.splice(i, 0, x);
  }

  /** Removes the entry that compares equal to x; false when there is none. */
  remove(x: T): boolean {
    const items = this.items;
    const i = this.lowerBound(x);
    if (i >= items.length || this.cmp(items[i] as T, x) !== 0) return false;
    if (i - this.head < items.length - 1 - i) {
      // the entries before i move up one place; the gap grows by one
      for (let j = i; j > this.head; j--) items[j] = items[j - 1];
      items[this.head++] = undefined;
      if (this.head > 1024 && this.head * 2 > items.length) this.compact();
    } else items.splice(i, 1);
    return true;
  }

  /** Position (0 = the first entry) of the first entry whose key is > t, for a key in the list's order. */
  firstAfter(t: number, key: (x: T) => number): number {
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (key(this.items[mid] as T) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.head;
  }

  /** Entries at positions [from, to) as a new array. */
  slice(from: number, to: number): T[] {
    return this.items.slice(this.head + from, Math.min(this.head + to, this.items.length)) as T[];
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  /** Index in `items` of the first entry >= x. */
  private lowerBound(x: T): number {
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmp(this.items[mid] as T, x) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compact(): void {
    this.items = this.items.slice(this.head);
    this.head = 0;
  }
}
