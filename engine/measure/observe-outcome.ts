/**
 * What a legit user's request outcome tells the metrics: the measure that refused them
 * (collateral), and whether they now hold a slot; and, for anyone, a lottery entry.
 */
import type { Action, Outcome, RefusalCode } from '../../bots/actions.js';
import type { CollateralMeasure } from './result-types.js';
import { HOLDING, WAITING, type Recorder } from './recorder.js';

const MEASURE_OF: Partial<Record<RefusalCode, CollateralMeasure>> = {
  CAPTCHA_REQUIRED: 'captcha',
  CAPTCHA_INVALID: 'captcha',
  CAPTCHA_EXPIRED: 'captcha',
  CAPTCHA_USED: 'captcha',
  RATE_LIMITED: 'rateLimit',
  LIMIT_REACHED: 'identityLimit',
  NAME_REQUIRED: 'exactName',
  REGISTRY_MISMATCH: 'registryCheck',
  NOT_ADMITTED: 'waitingRoom',
};

/** A lottery registration's answer, whoever sent it: an entry kept, or one refused as a duplicate. */
export function observeEntry(recorder: Recorder, a: Action, out: Outcome, at: number): void {
  if (a.kind !== 'register') return;
  if (out.kind === 'registered') recorder.lotteryEntry(true, at);
  else if (out.kind === 'rejected' && out.rejected === 'ALREADY_REGISTERED') recorder.lotteryEntry(false, at);
}

/**
 * The answers that make a crew's request cost it the fee it carries: a booking made (answered to
 * the booking itself, or under a batch release to the read of its decision), a lottery entry
 * registered, an entry that won, a waiting-room ticket given.
 */
const PAID_WHEN: { readonly [K in Action['kind']]?: (out: Outcome) => boolean } = {
  book: (out) => out.kind === 'booked',
  bookingResult: (out) => out.kind === 'booked',
  register: (out) => out.kind === 'registered',
  lotteryResult: (out) => out.kind === 'lottery' && out.outcome === 'won',
  joinRoom: (out) => out.kind === 'ticket',
};

/** What a crew's request outcome costs it besides captchas and the bookings' cost (engine/run/store-tap.ts). */
export function observeBotOutcome(recorder: Recorder, crew: number, a: Action, out: Outcome, now: number): void {
  const fee = 'feeEur' in a ? a.feeEur : undefined;
  if (fee !== undefined && fee > 0 && PAID_WHEN[a.kind]?.(out)) recorder.cost(crew, fee, now);
}

export function observeOutcome(recorder: Recorder, legit: number, a: Action, out: Outcome): void {
  if (out.kind === 'rejected') {
    const measure = a.kind === 'confirm' ? 'emailConfirmation' : MEASURE_OF[out.rejected];
    if (measure) recorder.hit(legit, measure);
    if (a.kind === 'confirm') recorder.setState(legit, WAITING);
    return;
  }
  if (out.kind === 'booked') recorder.setState(legit, HOLDING);
  if (out.kind === 'lottery') {
    if (out.outcome === 'lost') recorder.hit(legit, 'lottery');
    if (out.outcome === 'won') recorder.setState(legit, HOLDING);
  }
}
