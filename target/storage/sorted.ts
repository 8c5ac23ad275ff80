/**
 * Sorted-array helpers and the orders both stores share. The memory store keeps its indexes as
 * sorted arrays: inserts are nearly always appends (time moves forward), so a binary search
 * plus an occasional splice beats a tree on the simulator's hot path.
 */
import type { Slot } from '../domain/types.js';

export type Cmp<T> = (a: T, b: T) => number;

function cmpText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Slot order everywhere: (start, desk), then counter and id so the order is total. */
export const cmpSlot: Cmp<Slot> = (a, b) =>
  a.start - b.start || a.desk - b.desk || cmpText(a.counter, b.counter) || cmpText(a.id, b.id);

/** Creation order: createdAt, then insertion sequence (ties keep arrival order). */
export interface Sequenced {
  seq: number;
  createdAt: number;
}
export const cmpCreated: Cmp<Sequenced> = (a, b) => a.createdAt - b.createdAt || a.seq - b.seq;

/** First index whose element is >= x. */
export function lowerBound<T>(arr: readonly T[], x: T, cmp: Cmp<T>): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(arr[mid] as T, x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is > t, for an array sorted by key. */
export function firstAfter<T>(arr: readonly T[], t: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(arr[mid] as T) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts x in order and returns its index; appends without searching when x sorts last. */
export function insertSorted<T>(arr: T[], x: T, cmp: Cmp<T>): number {
  const n = arr.length;
  if (n === 0 || cmp(arr[n - 1] as T, x) <= 0) {
    arr.push(x);
    return n;
  }
  const i = lowerBound(arr, x, cmp);
  arr.splice(i, 0, x);
  return i;
}

/** Removes the element that compares equal to x; false when there is none. */
export function removeSorted<T>(arr: T[], x: T, cmp: Cmp<T>): boolean {
  const i = lowerBound(arr, x, cmp);
  if (i < arr.length && cmp(arr[i] as T, x) === 0) {
    arr.splice(i, 1);
    return true;
  }
  return false;
}

export const slotStart = (s: Slot): number => s.start;
