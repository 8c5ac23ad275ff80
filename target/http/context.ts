/**
 * Who is asking, as the domain's rate limits and captcha binding must see it: the client's IP
 * and a session id.
 *
 * - IP: the socket's peer address. X-Forwarded-For is honoured only with `trustProxy` (one
 *   trusted hop: its LAST entry, the address our proxy saw; earlier entries are client-written
 *   and forgeable). The harness's live driver relies on this to simulate many IPs on loopback.
 * - Session: the `X-Session` header (API clients) or the `guichet_session` cookie, created and
 *   set (HttpOnly, SameSite=Lax) when neither is present or the cookie is malformed. Such a
 *   request is session-less: a client that never keeps the cookie would get a fresh, full
 *   per-session bucket each time, so its per-session bucket is its IP's (`sessionBucket`).
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError } from '../domain/errors.js';
import type { RequestContext } from '../domain/types.js';

export const SESSION_COOKIE = 'guichet_session';
export const SESSION_HEADER = 'x-session';
const SESSION_RE = /^[A-Za-z0-9_-]{8,128}$/;

/** "::ffff:127.0.0.1" → "127.0.0.1": one client, one spelling, one rate-limit bucket. */
export function normalizeIp(ip: string): string {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return v4mapped ? (v4mapped[1] as string) : ip;
}

export function clientIp(req: Request, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const joined = Array.isArray(header) ? header.join(',') : header;
    const hops = (joined ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    const last = hops[hops.length - 1];
    if (last !== undefined && last.length <= 64) return normalizeIp(last);
  }
  return normalizeIp(req.socket.remoteAddress ?? 'unknown');
}

/** Reads one cookie without a cookie-parser dependency. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

function sessionCookie(id: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * The request's context; sets the session cookie on `res` when a new session is started.
 * A malformed X-Session header is the client's bug and is refused (VALIDATION); a malformed
 * cookie is replaced silently, as a browser user cannot fix it.
 */
export function requestContext(req: Request, res: Response, trustProxy: boolean): RequestContext {
  const ip = clientIp(req, trustProxy);
  const header = req.headers[SESSION_HEADER];
  if (header !== undefined) {
    const value = Array.isArray(header) ? header[0] ?? '' : header;
    if (!SESSION_RE.test(value)) {
      throw new DomainError('VALIDATION', 'X-Session must be 8 to 128 characters among A-Z a-z 0-9 _ -', 'X-Session');
    }
    return { ip, session: value };
  }
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (cookie !== undefined && SESSION_RE.test(cookie)) return { ip, session: cookie };
  const session = newSessionId();
  res.append('Set-Cookie', sessionCookie(session, req.secure));
  return { ip, session, sessionBucket: `no-session@${ip}` };
}
