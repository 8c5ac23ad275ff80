/**
 * Slot-list throughput of the target over HTTP (GET /api/counters/renewal/slots: tick check,
 * session, rate-limit hook, SQLite query, JSON) against a bare express handler sending the same
 * JSON body, precomputed. Both servers run in this process on 127.0.0.1:0 and are loaded by
 * autocannon (10 connections, pipelining 1) in alternation, A,B,A,B…, after a warm-up of each,
 * so machine noise hits both alike; the ratio is what the target's layers cost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { startTarget } from '../target/http/server.js';
import type { BenchLine } from './bench-line.js';

export interface HttpBenchOptions {
  /** measured time of each side, split over `rounds` (autocannon counts in whole seconds) */
  runMs?: number;
  /** 0 skips the warm-up */
  warmupMs?: number;
  rounds?: number;
}

const PATH = '/api/counters/renewal/slots';
const HEADERS = { 'x-session': 'bench-session-0001' };

interface Load { ok: number; seconds: number }

async function load(url: string, ms: number): Promise<Load> {
  // autocannon samples once a second: shorter runs last a second anyway.
  const seconds = Math.max(1, Math.round(ms / 1000));
  const r = await autocannon({ url, connections: 10, pipelining: 1, duration: seconds, headers: HEADERS });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`bench http: ${url} answered ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { ok: r['2xx'], seconds: r.duration };
}

async function bareServer(body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // the target sends no ETag either
  app.get(PATH, (_req, res) => {
    res.type('json').send(body);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PATH}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

export async function benchHttp(o: HttpBenchOptions = {}): Promise<BenchLine[]> {
  const runMs = o.runMs ?? 2000;
  const warmupMs = o.warmupMs ?? 1000;
  const rounds = o.rounds ?? 2;
  const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-http-'));
  // As `guichet target` runs: SQLite file; continuous release so the list is full (50 slots).
  const target = await startTarget({ db: join(dir, 'bench.db'), config: { release: { kind: 'continuous', horizon: '2w' } }, adminToken: 'bench', log: () => {} });
  try {
    const targetUrl = `${target.url}${PATH}`;
    const first = await fetch(targetUrl, { headers: HEADERS });
    const body = await first.text();
    if (!first.ok || (JSON.parse(body) as { slots: unknown[] }).slots.length === 0) throw new Error(`bench http: empty slot list (${first.status})`);
    const bare = await bareServer(body);
    try {
      if (warmupMs > 0) {
        await load(targetUrl, warmupMs);
        await load(bare.url, warmupMs);
      }
      const sum = { target: { ok: 0, seconds: 0 }, bare: { ok: 0, seconds: 0 } };
      for (let i = 0; i < rounds; i++) {
        for (const [side, url] of [['target', targetUrl], ['bare', bare.url]] as const) {
          const r = await load(url, runMs / rounds);
          sum[side].ok += r.ok;
          sum[side].seconds += r.seconds;
        }
      }
      const value = sum.target.ok / sum.target.seconds;
      const referenceValue = sum.bare.ok / sum.bare.seconds;
      return [{
        name: 'http.slotList',
        value,
        unit: 'req/s',
        reference: `bare express, same ${body.length}-byte JSON`,
        referenceValue,
        ratio: value / referenceValue,
        aim: '≥ 0.5',
      }];
    } finally {
      await bare.close();
    }
  } finally {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
