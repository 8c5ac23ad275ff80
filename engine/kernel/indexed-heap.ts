/**
 * Min-heaps of agent indexes keyed by time, with O(log n) update and removal. An agent is in at
 * most one heap at a time, so all heaps share the key and position arrays. Ties are broken by
 * agent index, so the order never depends on insertion history.
 */
export class HeapSpace {
  readonly keys: Float64Array;
  /** position of each agent in its heap, -1 when in none */
  readonly pos: Int32Array;

  constructor(readonly capacity: number) {
    this.keys = new Float64Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }
}

export class IndexedHeap {
  private items: Int32Array;
  size = 0;

  constructor(private readonly space: HeapSpace) {
    this.items = new Int32Array(16);
  }

  has(agent: number): boolean {
    return (this.space.pos[agent] as number) >= 0 && this.items[this.space.pos[agent] as number] === agent;
  }

  /** Smallest key, Infinity when empty. */
  minKey(): number {
    return this.size === 0 ? Infinity : (this.space.keys[this.items[0] as number] as number);
  }

  min(): number {
    return this.size === 0 ? -1 : (this.items[0] as number);
  }

  key(agent: number): number {
    return this.space.keys[agent] as number;
  }

  /** Inserts the agent or moves it to its new key. */
  set(agent: number, key: number): void {
    const { keys, pos } = this.space;
    if (this.has(agent)) {
      const old = keys[agent] as number;
      keys[agent] = key;
      if (key < old) this.up(pos[agent] as number);
      else this.down(pos[agent] as number);
      return;
    }
    if (this.size === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    keys[agent] = key;
    this.items[this.size] = agent;
    pos[agent] = this.size;
    this.up(this.size++);
  }

  /**
   * Gives every agent whose key is below `t` the key `rekey(agent)` (which must be >= t), then
   * restores the heap in one pass. A channel waking after a dormant spell has about half its
   * watchers to move: this is O(n) where moving them one by one was O(k log n).
   */
  rekeyBelow(t: number, rekey: (agent: number) => number): void {
    const keys = this.space.keys;
    const items = this.items;
    let moved = false;
    for (let i = 0; i < this.size; i++) {
      const agent = items[i] as number;
      if ((keys[agent] as number) < t) {
        keys[agent] = rekey(agent);
        moved = true;
      }
    }
    if (moved) for (let i = (this.size >> 1) - 1; i >= 0; i--) this.down(i);
  }

  remove(agent: number): void {
    if (!this.has(agent)) return;
    const { pos } = this.space;
    const i = pos[agent] as number;
    pos[agent] = -1;
    const last = this.items[--this.size] as number;
    if (i === this.size) return;
    this.items[i] = last;
    pos[last] = i;
    this.up(i);
    this.down(pos[last] as number);
  }

  private less(a: number, b: number): boolean {
    const ka = this.space.keys[a] as number;
    const kb = this.space.keys[b] as number;
    return ka < kb || (ka === kb && a < b);
  }

  private up(i: number): void {
    const { pos } = this.space;
    const items = this.items;
    const agent = items[i] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as number;
      if (!this.less(agent, p)) break;
      items[i] = p;
      pos[p] = i;
      i = parent;
    }
    items[i] = agent;
    pos[agent] = i;
  }

  private down(i: number): void {
    const { pos } = this.space;
    const items = this.items;
    const n = this.size;
    const agent = items[i] as number;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = l;
      if (r < n && this.less(items[r] as number, items[l] as number)) child = r;
      if (!this.less(items[child] as number, agent)) break;
      items[i] = items[child] as number;
      pos[items[i] as number] = i;
      i = child;
    }
    items[i] = agent;
    pos[agent] = i;
  }
}
