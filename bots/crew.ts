/**
 * What the agents of one crew share: the slots they hold, their pool of fake identities (one
 * catch-all mail domain, many addresses) and what they have learnt about the target.
 */
import type { ScalperCrew } from '../scenarios/schema.js';
import type { CrewNotice, Identity } from './actions.js';
import type { CrewState, PublicRules } from './context.js';
import { demandBook, noteDemand } from './business.js';
import { crewEntry, noteIncome } from './crew-entry.js';
import { markSold } from './holdings.js';
import { NAME_POOLS } from './names.js';
import { slug } from './personas.js';

/** Tiny deterministic generator for fake identities: crews need names, not statistics. */
function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A made-up person of the crew: plausible name, catch-all address, an AGDREF-like number no registry knows. */
export function fakeIdentity(crew: string, i: number): Identity {
  const r = lcg(hash(`${crew}#${i}`));
  const pool = NAME_POOLS[Math.floor(r() * NAME_POOLS.length)] ?? NAME_POOLS[0]!;
  const first = r() < 0.5 ? pool.female : pool.male;
  const firstName = first[Math.floor(r() * first.length)] ?? 'Ali';
  const lastName = pool.last[Math.floor(r() * pool.last.length)] ?? 'Ben';
  return {
    firstName, lastName,
    email: `${slug(firstName)}.${slug(lastName)}${i}@rdv-${crew}.fr`,
    agdref: `99${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
  };
}

/**
 * How often a crew's agents look at the slot list: every `everyMs`, plus up to `jitterMs`. The
 * strategies declare it in their `watch` actions; the engine's fluid rate-limit model also needs
 * it before any agent has watched (a crew's fleet shares IPs, so the demand per IP is known only
 * from all of them), and reads it here rather than keeping a copy of the formula.
 */
export function crewPollTiming(crew: ScalperCrew): { everyMs: number; jitterMs: number } {
  return { everyMs: crew.pollEverySeconds * 1000, jitterMs: crew.jitterSeconds * 1000 };
}

export function createCrewState(crew: ScalperCrew): CrewState {
  const cache = new Map<number, Identity>();
  const state: CrewState = {
    crew,
    held: new Map(),
    unsold: 0,
    identity(i: number): Identity {
      let id = cache.get(i);
      if (!id) cache.set(i, (id = fakeIdentity(crew.crew, i)));
      return id;
    },
    identityUse: new Int32Array(crew.identities),
    blockedCounters: new Set(),
    nextIdentity: 0,
    draws: { entries: 0, wins: 0 },
  };
  if (crew.business) state.business = demandBook(crew.business);
  const entry = crewEntry(crew);
  if (entry) state.entry = entry;
  return state;
}

/**
 * The crew's own handling of what the market tells it (CrewNotice): the market calls it
 * synchronously, so the crew's state changes only through its own code, at the instant of the
 * sale, and the market never touches a CrewState.
 */
export function crewNotices(state: CrewState): (notice: CrewNotice) => void {
  return (notice) => {
    switch (notice.kind) {
      case 'sold':
        markSold(state, notice.bookingId);
        noteIncome(state, state.crew.priceEur);
        return;
      case 'demand':
        if (state.business) noteDemand(state.business, state.crew, notice.maxPriceEur, notice.sellers, notice.at);
        return;
    }
  };
}

/** Mules: the first `mules.count` identities of the crew are real people, known to the registry. */
export function muleCount(crew: ScalperCrew): number {
  return crew.mules?.count ?? 0;
}

/** What the crew pays when it books in the name of identity `i`: a mule's fee, nothing for a made-up name. */
export function bookingFeeEur(crew: ScalperCrew, i: number): number {
  return i < muleCount(crew) ? (crew.mules?.eurPerBooking ?? 0) : 0;
}

/**
 * Identities the crew uses at `counter`: at a counter that checks the registry, only its mules
 * pass, so it books in their names alone; elsewhere (or with no mule) the whole pool.
 */
export function usableIdentities(state: CrewState, rules: PublicRules, counter: string | undefined): number {
  const mules = muleCount(state.crew);
  return mules > 0 && counter !== undefined && rules.registryCounters.includes(counter) ? mules : state.identityUse.length;
}

/** The registry entries of a crew's mules: their AGDREF number and the name on their papers. */
export function muleRecords(state: CrewState): { agdref: string; papers: { firstName: string; lastName: string } }[] {
  return Array.from({ length: muleCount(state.crew) }, (_, i) => {
    const id = state.identity(i);
    return { agdref: id.agdref ?? '', papers: { firstName: id.firstName, lastName: id.lastName } };
  });
}

/**
 * The identity to book the next slot with, or -1 when none may be used. Crews rotate their
 * addresses; when the target purges duplicates or limits bookings per e-mail, each address holds
 * at most what is allowed, so the pool of addresses caps what the crew can hoard. At a counter
 * that checks the registry a crew with mules rotates over them only.
 */
export function pickIdentity(state: CrewState, rules: PublicRules, counter?: string): number {
  const n = usableIdentities(state, rules, counter);
  const cap = rules.purgeDuplicates ? 1 : rules.perEmail ?? Infinity;
  for (let k = 0; k < n; k++) {
    const i = (state.nextIdentity + k) % n;
    if ((state.identityUse[i] as number) < cap) {
      state.nextIdentity = (i + 1) % n;
      return i;
    }
  }
  return -1;
}

/** Is there an identity the crew may still book with? (like pickIdentity, without moving on) */
export function hasIdentity(state: CrewState, rules: PublicRules): boolean {
  const cap = rules.purgeDuplicates ? 1 : rules.perEmail ?? Infinity;
  if (cap === Infinity) return true;
  for (const use of state.identityUse) if (use < cap) return true;
  return false;
}

/** Slots held and not sold: what counts against maxHeld. */
export function unsoldCount(state: CrewState): number {
  return state.unsold;
}

/**
 * Default stock a crew will hold unsold, when the scenario does not say: hoarders take all they
 * can (their identities are the limit when the target purges or caps per e-mail); a sniper
 * team keeps a few slots per agent.
 */
export function defaultMaxHeld(crew: ScalperCrew): number {
  switch (crew.strategy) {
    case 'sniper': return 5 * crew.agents;
    case 'hoarder':
    case 'double-seller': return Infinity;
    case 'broker': return 0;
  }
}
