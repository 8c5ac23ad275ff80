/**
 * What the simulation sees inside the in-process target (the store tap): released slots and
 * bookings go to the recorder, bookings that stop being live mark their counter changed (their
 * slot may be free again) and, for a person, the measure that took it (purge, unconfirmed
 * e-mail), and a served slot is marked served. A booking by a crew bound by its business costs
 * it what its `business.costPerBookingEur` says (solver fees are counted where captchas are
 * solved), but a booking the lottery's draw made: the crew paid for its entry (bots/entry-costs.ts).
 * Everything it writes to exists before the driver.
 */
import { LIVE_STATUSES } from '../../target/domain/types.js';
import type { ScalperCrew } from '../../scenarios/schema.js';
import { BOT, LEGIT } from '../agents/agent-run.js';
import type { AgentRegistry } from '../agents/agent-registry.js';
import type { StoreListener } from '../drivers/in-process/recording-store.js';
import type { Scheduler } from '../kernel/scheduler.js';
import type { Recorder } from '../measure/recorder.js';
import type { InventoryChanges } from '../polls/inventory-changes.js';

export function storeTap(
  scheduler: Scheduler, registry: AgentRegistry, recorder: Recorder, changes: InventoryChanges, counters: readonly string[], crews: readonly ScalperCrew[],
): StoreListener {
  const costPerBooking = crews.map((c) => c.business?.costPerBookingEur ?? 0);
  return {
    released: (slots, at) => {
      recorder.released(slots, at);
      for (const c of counters) changes.mark(c);
    },
    // lottery bookings are made by the draw, with the registration id as session
    booked: (b) => {
      const who = registry.bookerOf(b.session);
      recorder.booked(b.slotId, b.id, who, scheduler.now);
      const cost = who?.kind === BOT && b.ip !== 'lottery' ? costPerBooking[who.owner] ?? 0 : 0;
      if (cost > 0) recorder.cost(who?.owner ?? -1, cost, scheduler.now);
      if (b.ip === 'lottery') recorder.lotteryDrawn(scheduler.now);
    },
    statusChanged: (b, status) => {
      if (LIVE_STATUSES.includes(status)) return;
      changes.mark(b.counter);
      const who = registry.agents[recorder.bookedBy.get(b.id) ?? -1];
      if (who?.kind !== LEGIT) return;
      if (status === 'purged') recorder.hit(who.local, 'purge');
      if (status === 'expired') recorder.hit(who.local, 'emailConfirmation');
    },
    slotState: (slot, state) => {
      if (state === 'served') recorder.slotServed(slot.id);
    },
  };
}
