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
 * What a crew's request outcome costs it besides captchas: a mule's fee, when a booking in their
 * name is made: answered to the booking itself, or under a batch release to the read of its decision.
 */
export function observeBotOutcome(recorder: Recorder, crew: number, a: Action, out: Outcome, now: number): void {
  if ((a.kind === 'book' || a.kind === 'bookingResult') && out.kind === 'booked' && a.feeEur !== undefined) recorder.cost(crew, a.feeEur, now);
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
