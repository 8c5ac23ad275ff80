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
import { refuseCrossSite } from './same-origin.js';
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

/**
 * Errors of express's own layers, before a route runs. They carry a 4xx `status`; body-parser's
 * also carry a `type`, but two do not, and both are the client's bytes, not our bug: the router's
 * URIError for a path parameter that is not valid percent-encoding, and a decompression error
 * (zlib, brotli) for a body that is not what its Content-Encoding says.
 */
function classifyFramework(err: unknown, req: Request): Classified | undefined {
  const e = err as { type?: unknown; status?: unknown; message?: unknown; name?: unknown } | null;
  if (!e || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  switch (e.type) {
    case 'entity.too.large':
    case 'parameters.too.many':
      return { status: statusFor('PAYLOAD_TOO_LARGE'), code: 'PAYLOAD_TOO_LARGE', message: 'request body too large', field: 'body' };
    case 'entity.parse.failed':
      return { status: UNPARSEABLE_STATUS, code: 'VALIDATION', message: 'request body is not valid JSON', field: 'body' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: statusFor('UNSUPPORTED_MEDIA_TYPE'), code: 'UNSUPPORTED_MEDIA_TYPE', message: String(e.message), field: e.type === 'charset.unsupported' ? 'Content-Type' : 'Content-Encoding' };
    default:
  }
  if (e.name === 'URIError') {
    return { status: statusFor('BAD_ENCODING'), code: 'BAD_ENCODING', message: 'a path segment is not valid percent-encoding (RFC 3986 §2.1, UTF-8)', field: 'path' };
  }
  const encoding = req.headers['content-encoding'];
  if (e.type === undefined && encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return { status: statusFor('BAD_ENCODING'), code: 'BAD_ENCODING', message: `the body does not decode as Content-Encoding: ${encoding.slice(0, 40)}`, field: 'Content-Encoding' };
  }
  return { status: e.status, code: 'VALIDATION', message: typeof e.message === 'string' ? e.message : 'bad request', field: 'body' };
}

function classify(err: unknown, req: Request): Classified | undefined {
  if (isDomainError(err)) {
    const c: Classified = { status: statusFor(err.code), code: err.code, message: err.message };
    if (err.field !== undefined) c.field = err.field;
    return c;
  }
  return classifyFramework(err, req);
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
    // Receipts, convocations, redirects and ledgers carry booking tokens: no cache keeps any
    // answer, and no link followed from one tells the next site where it came from.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    o.beforeRequest?.();
    next();
  });

  app.use(refuseCrossSite(deps.trustProxy));

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
    let c = classify(err, req);
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
