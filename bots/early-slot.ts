/**
 * Which listed slot a person books: one of the first dates offered. People choose a time, not a
 * desk, so every desk's slot at one of the earliest times is as good to them. A counter with k
 * times the desks then offers a crowd k times larger k times the slots to choose from, and the
 * races people lose to each other stay as frequent per person as at one desk: a fixed window of
 * the first few slots would make a large counter's crowd herd onto them.
 */
import type { SlotInfo } from './actions.js';
import type { RandomStream } from './context.js';

/** How many of the earliest times offered people choose among. */
export const EARLY_TIMES = 3;

/** A random slot among those at the list's first EARLY_TIMES start times (the list is by start). */
export function earlySlot(rng: RandomStream, list: readonly SlotInfo[]): SlotInfo {
  let n = 0;
  let times = 0;
  let last = NaN;
  for (; n < list.length; n++) {
    const start = (list[n] as SlotInfo).start;
    if (start === last) continue;
    if (++times > EARLY_TIMES) break;
    last = start;
  }
  return list[rng.int(n)] as SlotInfo;
}
