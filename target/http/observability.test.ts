/** /metrics, /openapi.json, /healthz, and the final error handler. */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../domain/errors.js';
import { openApiDocument } from './openapi.js';
import { STATUS_BY_CODE } from './status.js';
import { config, firstSlot, person, session, startTest, type TestTarget } from './test-support/http-fixture.js';

let t: TestTarget;
beforeAll(async () => {
  t = await startTest({ config: config() });
});
afterAll(() => t.stop());

describe('/metrics', () => {
  it('counts requests by route pattern and status, bookings, rejections by code, and latency', async () => {
    const slotId = await firstSlot(t);
    await t.call('POST', '/api/bookings', { headers: session(1), json: { slotId, identity: person(1) } });
    await t.call('POST', '/api/bookings', { headers: session(2), json: { slotId, identity: person(2) } });
    await t.call('GET', '/api/unknown/route/123');
    await t.call('GET', '/admin/ledger');
    const r = await t.call('GET', '/metrics');
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toContain('text/plain');
    expect(r.text).toContain('guichet_http_requests_total{method="POST",route="/api/bookings",status="201"} 1');
    expect(r.text).toContain('guichet_http_requests_total{method="POST",route="/api/bookings",status="409"} 1');
    expect(r.text).toContain('guichet_http_requests_total{method="GET",route="/api/counters/:counter/slots",status="200"} 1');
    expect(r.text).toContain('guichet_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(r.text).toContain('guichet_http_requests_total{method="GET",route="/admin/*",status="401"} 1');
    expect(r.text).toContain('guichet_bookings_total{channel="api"} 1');
    expect(r.text).toContain('guichet_rejections_total{code="SLOT_TAKEN"} 1');
    expect(r.text).toMatch(/guichet_http_request_duration_seconds_count\{method="POST",route="\/api\/bookings"\} 2/);
    // its own registry: nothing of the process-wide default metrics
    expect(r.text).not.toContain('process_cpu');
  });
});

describe('/openapi.json', () => {
  it('documents every JSON route the app answers, with request schemas from zod', async () => {
    const r = await t.call('GET', '/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    const schemas = r.body.components.schemas;
    expect(schemas.BookBody.required).toEqual(['slotId', 'identity']);
    expect(schemas.BookBody.additionalProperties).toBe(false);
    expect(schemas.BookBody.properties.identity).toEqual({ $ref: '#/components/schemas/Identity' });
    // every $ref resolves
    for (const ref of JSON.stringify(r.body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(schemas[ref[1] as string], ref[1]).toBeDefined();
    }
    // every documented path exists: a request to it is not answered by the "no route" 404
    for (const [path, ops] of Object.entries(r.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) {
        const concrete = path.replace(/\{[^}]+\}/g, 'x');
        const res = await t.call(method.toUpperCase(), concrete, { headers: session(3) });
        const noRoute = res.status === 404 && /^no route/.test(String(res.body?.error?.message));
        expect(noRoute, `${method} ${path}`).toBe(false);
      }
    }
    expect(openApiDocument()).toEqual(r.body);
  });
});

describe('errors', () => {
  it('maps every domain code to a 4xx in one table', () => {
    for (const code of ERROR_CODES) {
      expect(STATUS_BY_CODE[code], code).toBeGreaterThanOrEqual(400);
      expect(STATUS_BY_CODE[code], code).toBeLessThan(500);
    }
    expect(STATUS_BY_CODE.SLOT_TAKEN).toBe(409);
    expect(STATUS_BY_CODE.RATE_LIMITED).toBe(429);
    expect(STATUS_BY_CODE.UNAUTHORIZED).toBe(401);
    expect(STATUS_BY_CODE.CAPTCHA_INVALID).toBe(403);
  });

  it('an unexpected failure is logged and answered 500 INTERNAL without details', async () => {
    const logged: unknown[] = [];
    const { createApp } = await import('./app.js');
    const boom = new Error('secret internals at /srv/app.js:12');
    const { app } = createApp({
      target: t.target, adminToken: 'x', now: () => 0, log: (_m, e) => logged.push(e),
      beforeRequest: () => { throw boom; },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/counters`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error', field: null } });
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(500);
      expect(await page.text()).not.toContain('secret internals');
      expect(logged).toEqual([boom, boom]);
    } finally {
      server.close();
    }
  });

  it('/healthz answers with the target clock', async () => {
    const r = await t.call('GET', '/healthz');
    expect(r.body).toEqual({ ok: true, now: t.clockAt.t });
  });

  it('express is not advertised, on JSON, pages or errors', async () => {
    for (const path of ['/healthz', '/', '/api/unknown/route']) {
      const r = await t.call('GET', path);
      expect(r.status, path).toBeLessThan(500);
      expect(r.headers['x-powered-by'], path).toBeUndefined();
    }
  });
});
