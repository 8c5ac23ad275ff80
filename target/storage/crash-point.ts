/**
 * A kill point for crash tests: the store kills its own process with SIGKILL just before its
 * n-th write (counted from the process's start), wherever that write falls: between two steps,
 * or in the middle of a transaction that must then leave no trace. A real SIGKILL, so nothing
 * runs after it (no finally, no close, no flush): what the database file holds then is what a
 * power cut or an OOM kill would leave. `guichet target` arms it from GUICHET_CRASH_AT_WRITE.
 */
import type { Store } from '../domain/ports.js';
import { STORE_WRITES, withOverrides } from './store-journal.js';

export const CRASH_AT_WRITE_ENV = 'GUICHET_CRASH_AT_WRITE';

/** The kill point given in the environment, undefined when unset or empty; throws on anything but a positive whole number. */
export function crashPointFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const text = env[CRASH_AT_WRITE_ENV];
  if (text === undefined || text === '') return undefined;
  if (!/^[1-9]\d{0,14}$/.test(text)) throw new RangeError(`${CRASH_AT_WRITE_ENV}=${JSON.stringify(text)}: expected the number of the store write to be killed at (1 or more), or nothing`);
  return Number(text);
}

/** `store`, with the process killed (SIGKILL) right before the `n`-th write call reaches it. */
export function crashingAtWrite(store: Store, n: number, kill: () => void = () => process.kill(process.pid, 'SIGKILL')): Store {
  let writes = 0;
  const wrapped = new Map<PropertyKey, unknown>();
  for (const op of STORE_WRITES) {
    const method = store[op] as (...args: unknown[]) => unknown;
    wrapped.set(op, (...args: unknown[]) => {
      if (++writes === n) kill();
      return method.apply(store, args);
    });
  }
  return withOverrides(store, wrapped);
}
