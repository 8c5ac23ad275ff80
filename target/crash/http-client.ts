/**
 * The crash tests' HTTP client: JSON in, JSON out, with the admin token and a session header.
 * A request to a target that dies under it rejects (the socket closes): callers count that as
 * "in flight at the kill", not as a failure of the target.
 */
import { Agent, request } from 'undici';

export const ADMIN_TOKEN = 'crash-test-admin-token';

export interface Reply { status: number; body: any }

/** one connection pool per target process, so a dead one's sockets are not reused for the next */
export class TargetClient {
  private readonly agent = new Agent({ connections: 32, pipelining: 1 });

  constructor(readonly url: string) {}

  async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, session = 'crash-test-session'): Promise<Reply> {
    const r = await request(`${this.url}${path}`, {
      method, dispatcher: this.agent,
      headers: { 'content-type': 'application/json', 'x-session': session, authorization: `Bearer ${ADMIN_TOKEN}` },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await r.body.text();
    return { status: r.statusCode, body: text === '' ? undefined : JSON.parse(text) };
  }

  /** PUT /admin/clock: moves the target's clock forward; what fell due runs before the answer. */
  async jumpTo(now: number): Promise<Reply> {
    return this.call('PUT', '/admin/clock', { now });
  }

  /** the number of store writes the target made since it started (its journal's next seq) */
  async writes(): Promise<number> {
    const r = await this.call('GET', '/admin/control');
    return r.body.journal.next as number;
  }

  close(): Promise<void> {
    return this.agent.destroy();
  }
}

/** Runs `tasks` with at most `limit` at once; resolves when all settled. */
export async function inPool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await (tasks[i] as () => Promise<T>)() };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
