/**
 * The express app of the reference target: composition only. JSON API under /api, admin under
 * /admin, pages at the root, plus /healthz, /metrics and /openapi.json. One error handler at the
 * end turns every failure into `{ error }` (or a French page): DomainError → its status
 * (status.ts), body-parser failures → 400/413, anything else → logged, 500 INTERNAL, no details.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { BookingTarget } from '../domain/booking-target.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import type { HttpDeps } from './deps.js';
import { createMetrics, metricsMiddleware, type TargetMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { adminRouter } from './routes/admin.js';
import { apiRouter } from './routes/api.js';
import { pagesRouter } from './routes/pages.js';
import { errorBody, retryAfterSeconds, statusFor, UNPARSEABLE_STATUS, type HttpErrorCode } from './status.js';
import { errorBodyHtml } from './views/convocation-views.js';
import { sendPage } from './views/respond.js';

export interface AppOptions {
  target: BookingTarget;
  adminToken: string;
  /** the target's clock (simulated time) */
  now: () => number;
  trustProxy?: boolean;
  registry?: HttpDeps['registry'];
  /** `--test-control`: steered clock and store journal */
  control?: HttpDeps['control'];
  /** simulated ms per real ms; default 1 */
  speed?: number;
  /** runs before each request (the server ticks the target there); a throw becomes a 500 */
  beforeRequest?: () => void;
  /** called after admin changes of settings or state */
  changed?: () => void;
  /** where unexpected errors go; default console.error */
  log?: (message: string, err: unknown) => void;
}

interface Classified { status: number; code: HttpErrorCode; message: string; field?: string }

/** body-parser errors carry `type` and a 4xx `status`. */
function classify(err: unknown): Classified | undefined {
  if (isDomainError(err)) {
    const c: Classified = { status: statusFor(err.code), code: err.code, message: err.message };
    if (err.field !== undefined) c.field = err.field;
    return c;
  }
  const e = err as { type?: unknown; status?: unknown; message?: unknown } | null;
  if (!e || typeof e.type !== 'string' || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  if (e.type === 'entity.too.large') return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'request body too large', field: 'body' };
  if (e.type === 'entity.parse.failed') return { status: UNPARSEABLE_STATUS, code: 'VALIDATION', message: 'request body is not valid JSON', field: 'body' };
  return { status: e.status, code: 'VALIDATION', message: typeof e.message === 'string' ? e.message : 'bad request', field: 'body' };
}

const wantsJson = (req: Request) => /^\/(api|admin)(\/|$)|^\/(metrics|healthz|openapi\.json)$/.test(req.path);

export function createApp(o: AppOptions): { app: express.Express; metrics: TargetMetrics } {
  const metrics = createMetrics();
  const deps: HttpDeps = {
    target: o.target, adminToken: o.adminToken, trustProxy: o.trustProxy ?? false, metrics,
    speed: o.speed ?? 1, now: o.now, changed: o.changed ?? (() => {}), ...(o.registry ? { registry: o.registry } : {}),
    ...(o.control ? { control: o.control } : {}),
  };
  const log = o.log ?? ((message: string, err: unknown) => console.error(message, err));
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(metricsMiddleware(metrics));
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    o.beforeRequest?.();
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, now: o.now() });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const openapi = openApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/api', apiRouter(deps));
  app.use('/admin', adminRouter(deps));
  app.use('/', pagesRouter(deps));

  app.use((req, _res, next) => {
    next(new DomainError('NOT_FOUND', `no route ${req.method} ${req.path}`));
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let c = classify(err);
    if (!c) {
      log(`guichet target: unexpected error on ${req.method} ${req.path}`, err);
      c = { status: 500, code: 'INTERNAL', message: 'internal error' };
    } else {
      metrics.rejections.inc({ code: c.code });
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (c.code === 'RATE_LIMITED') {
      const rl = o.target.settings().policy.measures.rateLimit;
      const simulated = retryAfterSeconds(err, rl);
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(simulated / deps.speed))));
    }
    if (wantsJson(req)) {
      res.status(c.status).json(errorBody(c.code, c.message, c.field));
      return;
    }
    sendPage(res, c.status, c.code === 'NOT_FOUND' ? 'Page introuvable' : 'Erreur', errorBodyHtml(c.code));
  });
  return { app, metrics };
}
