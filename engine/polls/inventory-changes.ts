/**
 * Counters whose slot list may have become non-empty (a release, a cancellation, an expiry, a
 * purge), as the target's store tap sees them. The tap marks them while the target works; after
 * each request or tick the engine flushes them, and the watch board (which subscribes when it
 * is built) wakes those counters' watchers. It exists before the driver and the board, so
 * neither has to know the other.
 */
export class InventoryChanges {
  private readonly dirty = new Set<string>();
  private readonly indexOf = new Map<string, number>();
  private readonly wakers: ((counter: number) => void)[] = [];

  constructor(counters: readonly string[]) {
    counters.forEach((c, i) => this.indexOf.set(c, i));
  }

  /** The list of `counter` may have changed (a counter the run does not watch is ignored at flush). */
  mark(counter: string): void {
    this.dirty.add(counter);
  }

  /** `wake` is called with the index of each changed counter, at each flush. */
  subscribe(wake: (counter: number) => void): void {
    this.wakers.push(wake);
  }

  flush(): void {
    if (this.dirty.size === 0) return;
    for (const c of this.dirty) {
      const i = this.indexOf.get(c);
      if (i === undefined) continue;
      for (const wake of this.wakers) wake(i);
    }
    this.dirty.clear();
  }
}
