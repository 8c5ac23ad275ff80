/**
 * What agents and the parts that run them ask of time: the current time and wake-ups. The
 * discrete-event kernel (virtual time) is one implementation; a live run will add a scaled wall
 * clock. Handlers are long-lived objects with a code per kind of event, not a closure per event,
 * so scheduling allocates nothing on the hot path.
 */

/** Something that reacts to its events. `code` tells apart the kinds of events one handler gets. */
export interface EventHandler {
  fire(code: number, payload: unknown): void;
}

export interface Scheduler {
  /** the current time (ms since the epoch) */
  readonly now: number;
  /** `handler.fire(code, payload)` at absolute time `time` (never before now) */
  at(time: number, handler: EventHandler, code?: number, payload?: unknown): void;
  /** `handler.fire(code, payload)` `delay` ms from now */
  after(delay: number, handler: EventHandler, code?: number, payload?: unknown): void;
}
