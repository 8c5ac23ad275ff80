/** Sends a page with its security headers: a per-response CSP nonce for the inline style and script. */
import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { page, type Html } from './html.js';

export function sendPage(res: Response, status: number, title: string, body: Html, script?: Html): void {
  const nonce = randomBytes(16).toString('base64');
  res.status(status)
    .setHeader('Content-Security-Policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`)
    // The convocation link carries its token in the query: never leak it to another site.
    .setHeader('Referrer-Policy', 'no-referrer')
    .setHeader('Cache-Control', 'no-store')
    .type('html')
    .send(page({ title, body, nonce, ...(script ? { script } : {}) }).value);
}
