/**
 * The rateLimit measure as a gate every request from outside goes through: one token of its
 * IP's bucket and one of its session's, when the policy sets them (TokenBuckets does the
 * counting). A request that brought no session (`sessionBucket` set by the HTTP layer) spends
 * its IP's shared session bucket first, then its new session's: a client that drops its cookie
 * on each request would otherwise find a full bucket each time.
 */
import { DomainError } from './errors.js';
import type { MeasuresConfig } from './policy.js';
import { TokenBuckets } from './rate-limit.js';
import type { RequestContext } from './types.js';

type Bucket = { capacity: number; refillPerMinute: number } | undefined;
const bucketsFor = (b: Bucket) => (b ? new TokenBuckets(b.capacity, b.refillPerMinute) : undefined);

export class RequestLimits {
  private readonly perIp: TokenBuckets | undefined;
  private readonly perSession: TokenBuckets | undefined;

  constructor(rateLimit: MeasuresConfig['rateLimit']) {
    this.perIp = bucketsFor(rateLimit?.perIp);
    this.perSession = bucketsFor(rateLimit?.perSession);
  }

  /** Spends the request's tokens at `now`, or throws RATE_LIMITED. */
  admit(ctx: RequestContext, now: number): void {
    if (this.perIp && !this.perIp.take(ctx.ip, now)) throw new DomainError('RATE_LIMITED', 'too many requests from this address');
    const spent = (key: string | undefined) => key === undefined || this.perSession?.take(key, now) !== false;
    if (!spent(ctx.sessionBucket) || !spent(ctx.session)) throw new DomainError('RATE_LIMITED', 'too many requests in this session');
  }
}
