/**
 * A full-scale Hérault year for benchmarks (15,000 slots, ~15,000 people, 50 bots): the shape of
 * the 2019 case, not a calibrated scenario file. `resaleLeadDays: 0` means hoarders never give
 * unsold slots back (they lapse), the market default (2) gives them back two days ahead.
 */
import { ScenarioSchema, type Scenario } from '../../scenarios/schema.js';

export function heraultYear(opts: { pollEverySeconds?: number; resaleLeadDays?: number; duration?: string } = {}): Scenario {
  const poll = opts.pollEverySeconds ?? 1;
  return ScenarioSchema.parse({
    name: 'Hérault 2019, full scale (bench)',
    seed: 2019,
    start: '2019-01-07',
    duration: opts.duration ?? '52w',
    warmup: '8w',
    market: { resaleLeadDays: opts.resaleLeadDays ?? 2 },
    target: {
      counters: {
        renewal: { days: ['mon', 'tue', 'thu', 'fri'], hours: '08:30-12:00', slotMinutes: 15, desks: 4 },
        'first-request': { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '13:30-16:30', slotMinutes: 30, desks: 2 },
      },
    },
    policy: { release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '8w' } },
    population: {
      legit: [
        { group: 'workers', counter: 'renewal', arrivals: { perWeek: 200 }, deadlineDays: { min: 20, max: 90 }, checksPerDay: { median: 3 },
          sharedIp: 0.15, nameTyping: { exact: 0.9 }, buyAfterDays: 30, willingToPayEur: { median: 120 } },
        { group: 'families', counter: 'renewal', arrivals: { perWeek: 30 }, deadlineDays: { min: 20, max: 90 }, checksPerDay: { median: 12 },
          activeHours: '00:00-24:00', buyAfterDays: 20, willingToPayEur: { median: 150 } },
        { group: 'newcomers', counter: 'first-request', arrivals: { perWeek: 60 }, deadlineDays: { min: 30, max: 120 }, checksPerDay: { median: 2 },
          sharedIp: 0.4, sharedEmail: 0.2, nameTyping: { exact: 0.7 }, agdref: false, buyAfterDays: 30, willingToPayEur: { median: 100 } },
      ],
      scalpers: [
        { crew: 'cybercafe', strategy: 'hoarder', agents: 30, pollEverySeconds: poll, ips: 5, priceEur: 120,
          captchaSolver: { latencySeconds: 20, usdPer1000: 3, accuracy: 0.9 } },
        { crew: 'snipers', strategy: 'sniper', agents: 10, pollEverySeconds: poll, priceEur: 150 },
        { crew: 'doubles', strategy: 'double-seller', agents: 5, pollEverySeconds: poll, priceEur: 80 },
        { crew: 'brokers', strategy: 'broker', agents: 5, pollEverySeconds: poll, priceEur: 100 },
      ],
    },
  });
}
