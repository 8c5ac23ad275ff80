/**
 * Prometheus metrics of one target instance, in its own Registry (several targets can live in
 * one process, as in tests and the in-process live driver, without sharing counters).
 * Routes are labelled by their pattern ("/api/bookings/:id/cancel"), never the raw URL, so
 * the label set stays small whatever clients send.
 */
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';

export interface TargetMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  latency: Histogram<'method' | 'route'>;
  bookings: Counter<'channel'>;
  rejections: Counter<'code'>;
}

export function createMetrics(): TargetMetrics {
  const registry = new Registry();
  return {
    registry,
    requests: new Counter({
      name: 'guichet_http_requests_total',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'guichet_http_request_duration_seconds',
      help: 'HTTP request latency by method and route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    bookings: new Counter({
      name: 'guichet_bookings_total',
      help: 'Bookings made, by channel (api or page)',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    rejections: new Counter({
      name: 'guichet_rejections_total',
      help: 'Refused requests by error code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
  };
}

/**
 * First middleware of each router: remembers its mount path, which express forgets by the time
 * the response finishes (an error handler or a later router may have run since).
 */
export function markMount(req: Request, res: Response, next: NextFunction): void {
  res.locals['mount'] = req.baseUrl;
  next();
}

/** The route pattern that answered, "/admin/*" when a router refused before any route, or "unmatched". */
function routeLabel(req: Request, res: Response): string {
  const mount = typeof res.locals['mount'] === 'string' ? res.locals['mount'] : '';
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${mount}${pattern}` || '/';
  return mount ? `${mount}/*` : 'unmatched';
}

/** Counts and times every request once its response is finished. */
export function metricsMiddleware(m: TargetMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const route = routeLabel(req, res);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      m.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      m.latency.observe({ method: req.method, route }, seconds);
    });
    next();
  };
}
