/**
 * A JSON route refuses a body of another type with 415 and `Accept: application/json`
 * (RFC 9110 §15.5.16): express.json() skips such a body, so without this the schema would see
 * nothing and the client get a 422 about "missing" fields it did send.
 * Put on each route that takes a body, not on the router: an unknown path stays a 404 and a
 * wrong method a 405, whatever the body. A request without a body (POST /api/captcha,
 * POST /admin/release) passes whatever its type.
 */
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../domain/errors.js';

export const JSON_TYPE = 'application/json';

/** The test body-parser uses: a Transfer-Encoding, or a Content-Length other than 0. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  if (!hasBody(req) || req.is(JSON_TYPE)) {
    next();
    return;
  }
  const got = req.headers['content-type'];
  res.setHeader('Accept', JSON_TYPE);
  next(new DomainError(
    'UNSUPPORTED_MEDIA_TYPE',
    `this route takes a JSON body (Content-Type: ${JSON_TYPE}), got ${got ? got.split(';')[0]!.trim() : 'no Content-Type'}`,
    'Content-Type',
  ));
}
