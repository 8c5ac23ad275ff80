/**
 * Test control of a target started with `--test-control`, under /admin: what a test harness
 * needs to drive a target running in another process as it drives one of its own. Its clock is
 * steered (PUT /admin/clock: moved forward, sped up or slowed down, never back), its store's
 * writes are served in order (GET /admin/journal) so the harness can follow releases, bookings
 * and expiries, and /admin/control says how the target runs. Without test control these routes
 * answer 404: a production-like target has one clock, the wall's.
 */
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { StoreJournal } from '../../storage/store-journal.js';
import type { HttpDeps } from '../deps.js';
import { requireJsonBody } from '../json-only.js';
import { parseBody, parseIntQuery } from '../schemas.js';
import type { SteerableClock } from '../steerable-clock.js';

export interface TestControl {
  clock: SteerableClock;
  journal: StoreJournal;
  seed: string;
}

/** A journal page holds at most this many writes (a release of a year's calendar is one). */
export const JOURNAL_PAGE = { min: 1, max: 10_000 } as const;

const MAX_TIME = 8.64e15; // the largest Date
export const ClockBodySchema = z.strictObject({
  now: z.number().int().min(0).max(MAX_TIME).optional(),
  speed: z.number().positive().max(1e6).optional(),
});
export const ResetBodySchema = z.strictObject({ now: z.number().int().min(0).max(MAX_TIME).optional() });

function controlOf(deps: HttpDeps): TestControl {
  if (!deps.control) throw new DomainError('NOT_FOUND', 'this target runs without test control (start it with `guichet target --test-control`)', 'control');
  return deps.control;
}

export function controlState(deps: HttpDeps, control: TestControl) {
  return {
    now: control.clock.now(),
    speed: control.clock.speed,
    nextDueAt: deps.target.nextDueAt(),
    seed: control.seed,
    trustProxy: deps.trustProxy,
    journal: { oldest: control.journal.oldest, next: control.journal.next },
  };
}

export function addControlRoutes(r: Router, deps: HttpDeps): void {
  r.get('/control', (_req, res) => {
    res.json(controlState(deps, controlOf(deps)));
  });

  // Forward only: a harness moves the target to the time of its next event, or changes its pace.
  // A `now` the clock has passed already leaves it where it is (the answer says where): the
  // harness's clock and this one run apart by the request's transit, and never back is the rule
  // that keeps timestamps ordered. POST /admin/reset with {"now": …} starts again earlier.
  r.put('/clock', requireJsonBody, (req, res) => {
    const control = controlOf(deps);
    const body = parseBody(ClockBodySchema, req.body);
    const { clock } = control;
    if (body.speed !== undefined) clock.setSpeed(body.speed);
    if (body.now !== undefined) clock.jumpTo(body.now);
    // what fell due on the way (releases, expiries) happens now, before the answer
    deps.target.tick();
    deps.changed();
    res.json(controlState(deps, control));
  });

  r.get('/journal', (req, res) => {
    const { journal } = controlOf(deps);
    const q = parseIntQuery(req.query as Record<string, unknown>, { from: { min: 0, max: Number.MAX_SAFE_INTEGER }, limit: JOURNAL_PAGE });
    const from = q.from ?? journal.oldest;
    const page = journal.page(from, q.limit ?? JOURNAL_PAGE.max);
    if (!page) throw new DomainError('NOT_FOUND', `journal entries before ${journal.oldest} were dropped (it keeps the latest writes only): read from there, or reset the target`, 'query.from');
    // the entries are JSON already: joined, not parsed and serialised again
    res.type('application/json').send(`{"entries":[${page.entries.join(',')}],"next":${page.next}}`);
  });
}

/** POST /admin/reset's body: `{ now }` also restarts the steered clock there (state is gone, so going back is safe). */
export function resetClock(deps: HttpDeps, body: unknown): void {
  const { now } = parseBody(ResetBodySchema, body);
  if (now === undefined) return;
  controlOf(deps).clock.restartAt(now);
}
