/**
 * The non-atomic-booking flaw (landing-window.ts): a check does not see the writes of the last
 * NON_ATOMIC_GAP_MS, so requests arriving together pass the same checks (slot free, per-e-mail
 * limit, captcha unused); once the window has passed, the writes are seen. Without the flaw
 * every check sees every write.
 */
import { describe, expect, it } from 'vitest';
import type { Flaw } from './policy.js';
import { NON_ATOMIC_GAP_MS } from './landing-window.js';
import { ctxOf, makeTarget, person, SUNDAY_20H, WEEKLY } from './test-support/fixture.js';

const codeOf = (f: () => unknown): string => {
  try { f(); return 'ok'; } catch (e) { return (e as { code: string }).code; }
};

function released(flaws: Flaw[], measures: object = {}) {
  const t = makeTarget({ ...WEEKLY, measures, flaws });
  t.advance(SUNDAY_20H);
  const slots = t.target.availableSlots(ctxOf(1), 'renewal', 10);
  return { ...t, slots };
}

describe('non-atomic-booking', () => {
  for (const on of [true, false]) {
    const flaws: Flaw[] = on ? ['non-atomic-booking'] : [];
    it(`${on ? 'on' : 'off'}: two bookings of one slot at one instant → ${on ? 'both written' : 'one, then SLOT_TAKEN'}`, () => {
      const { target, slots, store } = released(flaws);
      const slotId = slots[0]!.id;
      expect(codeOf(() => target.book(ctxOf(1), { slotId, identity: person(1) }))).toBe('ok');
      expect(codeOf(() => target.book(ctxOf(2), { slotId, identity: person(2) }))).toBe(on ? 'ok' : 'SLOT_TAKEN');
      expect(store.ledger().filter((b) => b.slotId === slotId)).toHaveLength(on ? 2 : 1);
    });

    it(`${on ? 'on' : 'off'}: one e-mail under perEmail: 1 at one instant → ${on ? 'two bookings' : 'LIMIT_REACHED'}`, () => {
      const { target, slots } = released(flaws, { identityLimit: { perEmail: 1 } });
      expect(codeOf(() => target.book(ctxOf(1), { slotId: slots[0]!.id, identity: person(1) }))).toBe('ok');
      expect(codeOf(() => target.book(ctxOf(1), { slotId: slots[1]!.id, identity: person(1) }))).toBe(on ? 'ok' : 'LIMIT_REACHED');
    });

    it(`${on ? 'on' : 'off'}: one captcha answer for two bookings at one instant → ${on ? 'both pass' : 'CAPTCHA_USED'}`, () => {
      const { target, slots } = released(flaws, { captcha: { kind: 'challenge' } });
      const c = target.issueCaptcha(ctxOf(1));
      const answer = { id: c.id, answer: c.prompt };
      expect(codeOf(() => target.book(ctxOf(1), { slotId: slots[0]!.id, identity: person(1), captcha: answer }))).toBe('ok');
      expect(codeOf(() => target.book(ctxOf(1), { slotId: slots[1]!.id, identity: person(2), captcha: answer }))).toBe(on ? 'ok' : 'CAPTCHA_USED');
    });
  }

  it('once the window has passed, the writes are seen: SLOT_TAKEN, LIMIT_REACHED, CAPTCHA_USED', () => {
    const { target, slots, clock } = released(['non-atomic-booking'], { identityLimit: { perEmail: 1 }, captcha: { kind: 'challenge' } });
    const c = target.issueCaptcha(ctxOf(1));
    const answer = { id: c.id, answer: c.prompt };
    expect(codeOf(() => target.book(ctxOf(1), { slotId: slots[0]!.id, identity: person(1), captcha: answer }))).toBe('ok');
    clock.t += NON_ATOMIC_GAP_MS;
    expect(codeOf(() => target.book(ctxOf(1), { slotId: slots[1]!.id, identity: person(2), captcha: answer }))).toBe('CAPTCHA_USED');
    const fresh = () => { const d = target.issueCaptcha(ctxOf(1)); return { id: d.id, answer: d.prompt }; };
    expect(codeOf(() => target.book(ctxOf(1), { slotId: slots[0]!.id, identity: person(3), captcha: fresh() }))).toBe('SLOT_TAKEN');
    expect(codeOf(() => target.book(ctxOf(1), { slotId: slots[2]!.id, identity: person(1), captcha: fresh() }))).toBe('LIMIT_REACHED');
  });
});
