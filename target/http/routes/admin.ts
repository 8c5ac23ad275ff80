/**
 * Admin API under /admin, behind `Authorization: Bearer <token>`: what the harness uses to set a
 * policy, release on demand, reconcile bookings and read the mail the target "sent".
 * Its body limit is larger than the public API's: a registry load carries many entries.
 */
import express, { Router } from 'express';
import { DomainError } from '../../domain/errors.js';
import { TargetConfigSchema } from '../../domain/policy.js';
import { requireAdmin, type HttpDeps } from '../deps.js';
import { requireJsonBody } from '../json-only.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { markMount } from '../metrics.js';
import { addControlRoutes, resetClock } from './admin-control.js';
import { EmptyBodySchema, RegistryBodySchema, issuePath, parseBody, parseReleaseQuery } from '../schemas.js';
import { parseSlotId } from '../slot-id.js';

export const ADMIN_BODY_LIMIT = '20mb';

/** Released slots per counter, every configured counter listed (0 when none of its slots came). */
export function countByCounter(counters: readonly string[], slotIds: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(counters.map((c) => [c, 0]));
  for (const id of slotIds) {
    const counter = parseSlotId(id)?.counter ?? id.slice(0, id.indexOf('@'));
    out[counter] = (out[counter] ?? 0) + 1;
  }
  return out;
}

export function adminRouter(deps: HttpDeps): Router {
  const { target } = deps;
  const r = Router();
  r.use(markMount);
  r.use(requireAdmin(deps));
  r.use(express.json({ limit: ADMIN_BODY_LIMIT }));

  // The same shape PUT takes (TargetConfigSchema), so a client can GET, edit and PUT back.
  const config = () => {
    const { counters, policy } = target.settings();
    return { ...policy, counters };
  };

  r.get('/policy', (_req, res) => {
    res.json(config());
  });

  // A policy with optional counters (as `guichet target --policy`); absent counters keep the current ones.
  r.put('/policy', requireJsonBody, (req, res) => {
    const parsed = TargetConfigSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const extra = issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
      const field = issuePath([...(issue?.path ?? []), ...extra]);
      throw new DomainError('VALIDATION', `${field ?? 'policy'}: ${issue?.message ?? 'invalid policy'}`, field);
    }
    const { counters, ...policy } = parsed.data;
    target.setSettings({ counters: counters ?? target.settings().counters, policy });
    // New counters or release rules may make slots due at once.
    target.tick();
    deps.changed();
    res.json(config());
  });

  // Counts per counter by default: a release is thousands of slots (~90 kB of ids); the ids
  // themselves only on ?verbose=1.
  r.post('/release', requireJsonBody, (req, res) => {
    parseBody(EmptyBodySchema, req.body);
    const { verbose } = parseReleaseQuery(req.query);
    const released = target.releaseNow();
    deps.changed();
    const byCounter = countByCounter(Object.keys(target.settings().counters), released);
    res.json({ released: released.length, byCounter, ...(verbose ? { slotIds: released } : {}) });
  });

  r.get('/ledger', (_req, res) => {
    res.json({ bookings: target.ledger() });
  });

  r.get('/mail', (req, res) => {
    const to = req.query['to'];
    if (typeof to !== 'string' || to.trim() === '') throw new DomainError('VALIDATION', 'query parameter "to" (an e-mail address) is required', 'to');
    res.json({ mail: target.mailFor(to) });
  });

  const loadableRegistry = () => {
    if (!deps.registry) throw new DomainError('NOT_FOUND', 'this target has no loadable registry', 'registry');
    return deps.registry;
  };

  // PUT replaces the registry; POST adds (or replaces) these entries and keeps the others.
  r.put('/registry', requireJsonBody, (req, res) => {
    const { entries } = parseBody(RegistryBodySchema, req.body);
    res.json({ loaded: loadableRegistry().load(entries) });
  });
  r.post('/registry', requireJsonBody, (req, res) => {
    const registry = loadableRegistry();
    const { entries } = parseBody(RegistryBodySchema, req.body);
    for (const e of entries) registry.add(e.agdref, e);
    res.json({ added: entries.length, size: registry.size });
  });

  // Clears bookings, slots, challenges and mail; keeps policy and registry (configuration, not state).
  // With test control, `{ "now": … }` restarts the clock there first.
  r.post('/reset', requireJsonBody, (req, res) => {
    resetClock(deps, req.body);
    target.reset();
    target.tick();
    deps.changed();
    res.status(204).end();
  });

  addControlRoutes(r, deps);
  refuseOtherMethods(r);
  return r;
}
