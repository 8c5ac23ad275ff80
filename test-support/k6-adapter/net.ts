/**
 * The main-thread side of a VU's requests: each VU has a MessagePort; a request posted on it is
 * made with undici, its sample recorded, the answer posted back and the VU's flag raised. Only
 * loopback targets: the adapter is for tests against an in-process target.
 */
import type { MessagePort } from 'node:worker_threads';
import { Agent, request } from 'undici';

export interface WireRequest {
  method: string;
  url: string;
  body: string | null;
  headers: Record<string, string>;
  tags: Record<string, string>;
  /** [min, max] ranges of statuses that are not failures (k6's expectedStatuses) */
  expected: [number, number][] | null;
}

export interface RequestSample {
  method: string;
  /** path and query */
  path: string;
  status: number;
  /** k6's http_req_failed: no answer, or a status outside the expected ranges */
  failed: boolean;
  durationMs: number;
  tags: Record<string, string>;
  error?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class VuNetwork {
  readonly samples: RequestSample[] = [];
  private readonly agent: Agent;

  constructor(private readonly timeoutMs: number) {
    this.agent = new Agent({ connections: 64, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  }

  /** Serves the requests of one VU: `port` is its end of the channel, `answered` its flag. */
  serve(port: MessagePort, answered: Int32Array): void {
    port.on('message', (req: WireRequest) => {
      void this.send(req).then((answer) => {
        port.postMessage(answer);
        Atomics.store(answered, 0, 1);
        Atomics.notify(answered, 0);
      });
    });
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async send(req: WireRequest): Promise<{ status: number; body: string; headers: Record<string, string>; error: string; url: string }> {
    const started = performance.now();
    const url = new URL(req.url);
    const record = (status: number, error?: string) => {
      const expected = req.expected ?? [[200, 399]];
      const failed = status === 0 || !expected.some(([min, max]) => status >= min && status <= max);
      this.samples.push({
        method: req.method, path: url.pathname + url.search, status, failed, durationMs: performance.now() - started, tags: req.tags,
        ...(error ? { error } : {}),
      });
    };
    if (!LOOPBACK.has(url.hostname)) {
      record(0, 'the adapter sends to loopback only');
      return { status: 0, body: '', headers: {}, error: `refused: ${url.hostname} is not loopback`, url: req.url };
    }
    try {
      const res = await request(url, {
        method: req.method as 'GET', headers: req.headers, body: req.body, dispatcher: this.agent, signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = await res.body.text();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      record(res.statusCode);
      return { status: res.statusCode, body, headers, error: '', url: req.url };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      record(0, error);
      return { status: 0, body: '', headers: {}, error, url: req.url };
    }
  }
}
