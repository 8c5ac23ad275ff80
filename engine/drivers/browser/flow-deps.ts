/** What the page flows share: the target, the typing pace, the admin API, and what the driver remembers. */
import type { Convocation, Outcome } from '../../../bots/actions.js';

export interface Answered {
  outcome: Outcome;
  /** HTTP status of the last navigation */
  status: number;
}

/**
 * What a person keeps between pages (their open tab, their mail, their convocation link) and the
 * driver must remember for them, since the pool hands each action another tab.
 */
export class FlowMemory {
  /** the slot each session listed or booked last: where `captcha` opens the form */
  readonly lastSlot = new Map<string, string>();
  /** booking id → token, from the convocations this driver read: `confirm` carries no token */
  private readonly tokens = new Map<string, string>();

  /** any slot seen, for a session that asks for a captcha before it ever listed */
  get anySlot(): string | undefined {
    return this.lastSeen;
  }

  private lastSeen: string | undefined;

  remember(c: Convocation): void {
    this.tokens.set(c.bookingId, c.token);
    this.lastSeen = c.slotId;
  }

  saw(slotId: string): void {
    this.lastSeen = slotId;
  }

  tokenOf(bookingId: string): string | undefined {
    return this.tokens.get(bookingId);
  }
}

export interface FlowDeps {
  /** the target's base URL, no trailing slash */
  url: string;
  typingDelayMs: number;
  memory: FlowMemory;
  /** the target's clock (its /healthz), for listings with a minimum lead */
  targetNow(): Promise<number>;
  /** GET an admin route (bearer token): the mail, for confirmation codes */
  adminGet(path: string): Promise<{ status: number; body: unknown }>;
}
