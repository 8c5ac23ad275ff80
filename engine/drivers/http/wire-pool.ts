/**
 * One undici keep-alive pool to a target, and the one way a live driver sends a request on it:
 * what came back (status, and the body when asked for or when it explains a refusal) or why
 * nothing usable came (timeout, connection, protocol). It never throws for the network: a load
 * tool counts those, an agent retries as a person would.
 */
import { Pool } from 'undici';
import type { WireFailure } from '../driver.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECTIONS = 64;

export type Method = 'GET' | 'POST';
export type Headers = Record<string, string>;

/** What one request gave. `body` is the parsed JSON (or text) when it was read. */
export interface WireResponse {
  status: number;
  body?: unknown;
  /** Location of a redirect, when there was one */
  location?: string;
  failure?: WireFailure;
}

/** How much of the body the caller needs: its JSON, its text (a page), or nothing on success. */
export type Read = 'json' | 'text' | 'none';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** undici's error codes → what a load tool reports. Anything but a deadline is the socket's fault. */
export function failureOf(err: unknown): WireFailure {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TIMEOUT_CODES.has(code) ? 'timeout' : 'connection';
}

export interface PoolOptions {
  timeoutMs?: number;
  connections?: number;
}

export class WirePool {
  private readonly pool: Pool;

  constructor(url: string, options: PoolOptions = {}) {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pool = new Pool(url, {
      connections: options.connections ?? DEFAULT_CONNECTIONS,
      pipelining: 1,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connectTimeout: timeout,
      // longer than a race window's quiet spells, so agents do not reconnect between polls
      keepAliveTimeout: 30_000,
    });
  }

  /**
   * Sends one request. A 2xx body is read as `read` says; a 4xx body is always read as JSON
   * (it carries the refusal code) unless `read` is 'text' (a page says it in HTML); a 5xx body
   * is dropped: the agent only learns the service is unavailable.
   */
  async send(method: Method, path: string, headers: Headers, body: string | null, read: Read): Promise<WireResponse> {
    let res;
    try {
      res = await this.pool.request({ method, path, headers, body });
    } catch (e) {
      return { status: 0, failure: failureOf(e) };
    }
    const status = res.statusCode;
    const location = res.headers['location'];
    const out: WireResponse = { status };
    if (typeof location === 'string') out.location = location;
    try {
      if (status >= 500 || (status < 400 && read === 'none')) {
        await res.body.dump();
        return out;
      }
      const text = await res.body.text();
      if (read === 'text') {
        out.body = text;
        return out;
      }
      try {
        out.body = JSON.parse(text);
      } catch {
        out.failure = 'protocol';
      }
      return out;
    } catch (e) {
      // the body did not arrive whole: the status alone is not an answer
      return { status, failure: failureOf(e) };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
