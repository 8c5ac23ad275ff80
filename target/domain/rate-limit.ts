/**
 * Token buckets keyed by IP or session, for the rateLimit measure. Each bucket holds up to
 * `capacity` tokens and regains `refillPerMinute` per minute; a request takes one token.
 * Refill is computed lazily from the last time the key was seen, and time comes only from the
 * `now` argument, so the same requests at the same virtual times give the same answers.
 */

interface Bucket {
  tokens: number;
  /** last time the bucket's tokens were brought up to date */
  at: number;
}

export const DEFAULT_MAX_KEYS = 100_000;

export class TokenBuckets {
  /** insertion order = least recently seen first (keys are re-inserted on each take) */
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    readonly refillPerMinute: number,
    /** memory bound: past this many keys, forgotten buckets are dropped */
    readonly maxKeys: number = DEFAULT_MAX_KEYS,
  ) {
    if (!(Number.isFinite(capacity) && capacity >= 1)) throw new RangeError(`token bucket capacity must be ≥ 1, got ${capacity}`);
    if (!(Number.isFinite(refillPerMinute) && refillPerMinute > 0)) throw new RangeError(`token bucket refill must be > 0 per minute, got ${refillPerMinute}`);
    if (!(Number.isInteger(maxKeys) && maxKeys >= 1)) throw new RangeError(`token bucket key limit must be a positive integer, got ${maxKeys}`);
    this.perMs = refillPerMinute / 60_000;
  }

  /** Take one token for `key` at time `now`; false (and nothing taken) when the bucket is empty. */
  take(key: string, now: number): boolean {
    const bucket = this.current(key, now);
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    if (this.buckets.size > this.maxKeys) this.shrink(now);
    return ok;
  }

  /** Milliseconds until `key` may take a token again (0 when it may now), e.g. for Retry-After. */
  retryAfterMs(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = this.refilled(bucket, now);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.perMs);
  }

  /** Number of keys currently remembered. */
  get size(): number {
    return this.buckets.size;
  }

  reset(): void {
    this.buckets.clear();
  }

  private refilled(bucket: Bucket, now: number): number {
    // A clock going backwards refills nothing (and takes nothing back).
    const elapsed = Math.max(0, now - bucket.at);
    return Math.min(this.capacity, bucket.tokens + elapsed * this.perMs);
  }

  private current(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.capacity, at: now };
    bucket.tokens = this.refilled(bucket, now);
    bucket.at = Math.max(bucket.at, now);
    return bucket;
  }

  /**
   * Full buckets carry no information (a new key starts full), so they go first. If that is not
   * enough, the least recently seen go next (they forget their debt: lenient, never stricter), down to 90 % of the bound so that the sweep, which
   * is linear, runs once per many new keys rather than on each one.
   */
  private shrink(now: number): void {
    // the key being served was re-inserted last, so it survives (target ≥ 1)
    const target = Math.max(1, Math.floor(this.maxKeys * 0.9));
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now) >= this.capacity) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= target) break;
      this.buckets.delete(key);
    }
  }
}
