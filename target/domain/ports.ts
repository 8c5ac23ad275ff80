/** What the domain needs from outside: time, identifiers, randomness, the AGDREF registry. */

export interface Clock {
  now(): number;
}

export interface IdSource {
  /** a new identifier, unique in this target; deterministic when the source is */
  next(prefix: string): string;
  /** an unguessable secret (booking token, confirmation code) */
  secret(): string;
}

/** Uniform [0, 1). Seeded in simulation, crypto-backed in a live target. */
export interface RandomSource {
  next(): number;
}

export interface Registry {
  /** the holder of an AGDREF number, or undefined when it does not exist */
  lookup(agdref: string): { firstName: string; lastName: string } | undefined;
}
