/** What every router of the app gets, and the few helpers they share. */
import type { NextFunction, Request, Response } from 'express';
import type { BookingTarget } from '../domain/booking-target.js';
import { DomainError } from '../domain/errors.js';
import { secretMatches } from '../domain/secret-match.js';
import type { RequestContext } from '../domain/types.js';
import { requestContext } from './context.js';
import type { RegistryEntry } from './live-sources.js';
import type { TargetMetrics } from './metrics.js';
import type { TestControl } from './routes/admin-control.js';

export interface HttpDeps {
  target: BookingTarget;
  adminToken: string;
  trustProxy: boolean;
  metrics: TargetMetrics;
  /** present when the AGDREF registry can be loaded over /admin/registry */
  registry?: { load(entries: readonly RegistryEntry[]): number; add(agdref: string, papers: { firstName: string; lastName: string }): void; readonly size: number };
  /** present with `--test-control`: the steered clock and the store's journal (routes/admin-control.ts) */
  control?: TestControl;
  /** simulated ms per real ms (Retry-After is in real seconds) */
  speed: number;
  /** the target's clock, for pages that compare times (waiting-room admission) */
  now: () => number;
  /** called after an admin change of settings or state (the server re-reads the next due time) */
  changed: () => void;
}

/** The request's context, computed once per request (it may set the session cookie). */
export function ctxOf(deps: HttpDeps, req: Request, res: Response): RequestContext {
  const cached = res.locals['ctx'] as RequestContext | undefined;
  if (cached) return cached;
  const ctx = requestContext(req, res, deps.trustProxy);
  res.locals['ctx'] = ctx;
  return ctx;
}

/** `Authorization: Bearer <admin token>` or UNAUTHORIZED. */
export function requireAdmin(deps: HttpDeps) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m || !secretMatches(m[1] as string, deps.adminToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="guichet-admin"');
      next(new DomainError('UNAUTHORIZED', 'a valid admin bearer token is required', 'Authorization'));
      return;
    }
    next();
  };
}
