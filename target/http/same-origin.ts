/**
 * Cross-site request forgery: a page of another site can make a visitor's browser POST the
 * booking form (a form post needs no CORS preflight, and the booking does not need the session
 * cookie that SameSite=Lax would withhold). Browsers say where a request comes from, so a
 * state-changing request is refused with CROSS_ORIGIN when
 * - its `Origin` is another host than the one asked, or
 * - `Sec-Fetch-Site` says it came from another site, when `Origin` names no host: absent, or
 *   `null`, which browsers send for a form post from a page with `Referrer-Policy: no-referrer`
 *   (ours) as well as from sandboxed contexts; a `null` without Sec-Fetch-Site is refused.
 * A request with neither header is not from a browser's cross-site context (API clients,
 * scripts, the harness's drivers) and passes: forgery needs a browser.
 * With `trustProxy`, the host asked is the proxy's `X-Forwarded-Host`.
 */
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../domain/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sec-Fetch-Site values of a request this site's own pages (or the visitor's address bar) sent. */
const OWN_SITE = new Set(['same-origin', 'none']);

function askedHost(req: Request, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? req.headers['x-forwarded-host'] : undefined;
  const host = typeof forwarded === 'string' && forwarded !== '' ? forwarded.split(',')[0]!.trim() : req.headers.host;
  return host?.toLowerCase();
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Why the request is cross-site, or undefined when it may go on. */
export function crossSiteReason(req: Request, trustProxy: boolean): string | undefined {
  if (SAFE_METHODS.has(req.method)) return undefined;
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (origin !== undefined && origin !== 'null') {
    const from = originHost(origin);
    return from !== undefined && from === askedHost(req, trustProxy) ? undefined : `Origin ${origin.slice(0, 100)} is not this site`;
  }
  if (typeof site === 'string') return OWN_SITE.has(site.toLowerCase()) ? undefined : `Sec-Fetch-Site: ${site.slice(0, 40)}`;
  return origin === 'null' ? 'Origin null, and no Sec-Fetch-Site to tell where from' : undefined;
}

export function refuseCrossSite(trustProxy: boolean) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const reason = crossSiteReason(req, trustProxy);
    if (reason === undefined) next();
    else next(new DomainError('CROSS_ORIGIN', `a page of another site may not send this request (${reason})`, 'Origin'));
  };
}
