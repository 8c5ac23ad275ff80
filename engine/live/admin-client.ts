/**
 * The admin API of a guichet target, as a live run calls it: JSON in, JSON out, bearer token,
 * a timeout, and errors that say what went wrong in the user's terms (no answer, wrong token,
 * a refusal with the target's own code and message).
 */
import { Agent, request } from 'undici';

/** The target could not be asked, or refused: `reason` is written for the person who started the run. */
export class AdminCallError extends Error {
  override readonly name = 'AdminCallError';
  constructor(readonly reason: string, readonly status: number | undefined, readonly code: string | undefined) {
    super(reason);
  }
}

export interface AdminClient {
  call<T = unknown>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export function adminClient(url: string, adminToken: string, timeoutMs: number): AdminClient {
  // a few keep-alive connections of its own: the agents' pools stay the agents'
  const dispatcher = new Agent({ connections: 4, keepAliveTimeout: 10_000 });
  return {
    async call<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<T> {
      let res;
      try {
        res = await request(`${url}${path}`, {
          method, dispatcher, signal: AbortSignal.timeout(timeoutMs),
          headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? null : JSON.stringify(body),
        });
      } catch (e) {
        throw new AdminCallError(`cannot reach ${url}: ${noAnswer(e, timeoutMs)}`, undefined, undefined);
      }
      const text = await res.body.text();
      if (res.statusCode === 204) return undefined as T;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new AdminCallError(`${method} ${url}${path} answered ${res.statusCode} with a body that is not JSON: is this a guichet target?`, res.statusCode, undefined);
      }
      if (res.statusCode >= 200 && res.statusCode < 300) return parsed as T;
      const error = (parsed as { error?: { code?: string; message?: string } }).error;
      if (res.statusCode === 401) throw new AdminCallError(`${url} refused the admin token (pass the target's with --admin-token or GUICHET_ADMIN_TOKEN)`, 401, error?.code);
      throw new AdminCallError(`${method} ${url}${path} answered ${res.statusCode} ${error?.code ?? ''}: ${error?.message ?? text.slice(0, 200)}`, res.statusCode, error?.code);
    },
    close: () => dispatcher.close(),
  };
}

function noAnswer(e: unknown, timeoutMs: number): string {
  const err = e as { code?: string; name?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (err.name === 'TimeoutError' || code === 'UND_ERR_ABORTED') return `no answer within ${timeoutMs / 1000} s`;
  if (code === 'ECONNREFUSED') return 'connection refused (is it running? `guichet target --test-control --trust-proxy` starts one)';
  return e instanceof Error ? e.message : String(e);
}
