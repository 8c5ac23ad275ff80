/**
 * Per-draw and per-release bookkeeping for lotteries and waiting rooms, kept in memory and
 * rebuilt lazily from the store (so a restarted target still knows who registered). Without
 * it each registration would rescan every other one: quadratic in the entrants of a draw.
 */
import type { LotteryKey } from './policy.js';
import { emailKeyUnder } from '../storage/identity-keys.js';
import type { EmailRule, Store } from './ports.js';
import type { Identity } from './types.js';

export class EntryIndex {
  private readonly registered = new Map<string, Set<string>>();
  private readonly queued = new Map<string, number>();

  constructor(private readonly store: Store) {}

  /**
   * Records the identity for (counter, drawAt); false when one of its `oneEntryPer` fields (e-mail,
   * AGDREF) entered already. With none, every registration counts, duplicates included. E-mail
   * addresses are compared by their key under the policy's identity-limit rule (identity-keys.ts).
   * The index lives until clear(), which a policy change calls, so the rule cannot change under it.
   */
  register(counter: string, drawAt: number, identity: Identity, oneEntryPer: readonly LotteryKey[], rule?: EmailRule): boolean {
    if (oneEntryPer.length === 0) return true;
    const key = `${counter}\u0000${drawAt}`;
    let seen = this.registered.get(key);
    if (!seen) {
      seen = new Set(this.store.registrations(counter, drawAt).flatMap((r) => identityKeys(r.identity, oneEntryPer, rule)));
      this.registered.set(key, seen);
    }
    const keys = identityKeys(identity, oneEntryPer, rule);
    if (keys.some((k) => seen.has(k))) return false;
    for (const k of keys) seen.add(k);
    return true;
  }

  /** Position the next arrival gets in the queue of (counter, releaseAt), counting it in. */
  nextPosition(counter: string, releaseAt: number): number {
    const key = `${counter}\u0000${releaseAt}`;
    const n = this.queued.get(key) ?? this.store.tickets(counter, releaseAt).length;
    this.queued.set(key, n + 1);
    return n;
  }

  clear(): void {
    this.registered.clear();
    this.queued.clear();
  }
}

function identityKeys(i: Identity, oneEntryPer: readonly LotteryKey[], rule: EmailRule | undefined): string[] {
  const keys: string[] = [];
  if (oneEntryPer.includes('email')) keys.push(`e:${emailKeyUnder(i.email, rule)}`);
  if (i.agdref && oneEntryPer.includes('agdref')) keys.push(`a:${i.agdref}`);
  return keys;
}
