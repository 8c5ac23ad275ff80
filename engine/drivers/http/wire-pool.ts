/**
 * One undici keep-alive pool to a target, and the one way a live driver sends a request on it:
 * what came back (status, and the body when asked for or when it explains a refusal) or why
 * nothing usable came (timeout, connection, protocol). It never throws for the network: a load
 * tool counts those, an agent retries as a person would.
 */
import { Pool, type Dispatcher } from 'undici';
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

  /** The pool a live driver's options ask for. */
  static of(options: { url: string } & PoolOptions): WirePool {
    const pool: PoolOptions = {};
    if (options.timeoutMs !== undefined) pool.timeoutMs = options.timeoutMs;
    if (options.connections !== undefined) pool.connections = options.connections;
    return new WirePool(options.url, pool);
  }

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
  send(method: Method, path: string, headers: Headers, body: string | null, read: Read): Promise<WireResponse> {
    return new Promise<WireResponse>((resolve) => {
      // dispatch with a plain handler rather than request(): no body stream per response
      this.pool.dispatch({ method, path, headers, body }, new Exchange(read, resolve) as unknown as Dispatcher.DispatchHandler);
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * One request's answer as undici's core delivers it (its plain handler interface): status and
 * raw headers, then chunks, then the end or an error. No stream, no header object per response.
 */
class Exchange {
  private status = 0;
  private location: string | undefined;
  private keep = false;
  private chunks: Buffer[] = [];

  constructor(private readonly read: Read, private readonly resolve: (r: WireResponse) => void) {}

  onConnect(): void {}

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    if (statusCode >= 300 && statusCode < 400) {
      for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
        if ((rawHeaders[i] as Buffer).toString('latin1').toLowerCase() === 'location') this.location = (rawHeaders[i + 1] as Buffer).toString('latin1');
      }
    }
    this.keep = statusCode < 500 && (statusCode >= 400 || this.read !== 'none');
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.keep) this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    const out: WireResponse = { status: this.status };
    if (this.location !== undefined) out.location = this.location;
    if (this.keep) {
      const text = this.chunks.length === 1 ? (this.chunks[0] as Buffer).toString('utf8') : Buffer.concat(this.chunks).toString('utf8');
      if (this.read === 'text') out.body = text;
      else {
        try {
          out.body = JSON.parse(text);
        } catch {
          out.failure = 'protocol';
        }
      }
    }
    this.resolve(out);
  }

  onError(err: Error): void {
    // before the status, nothing came; after it, the body did not arrive whole: no answer either way
    this.resolve({ status: this.status, failure: failureOf(err) });
  }
}
