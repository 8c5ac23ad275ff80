/**
 * Scenario text of a chosen size, for the tests of the run-size estimate and of its refusal by
 * the command: one renewal counter (mon+tue 08:30-12:00, 15 min slots, 2 desks), a Sunday release
 * 4 weeks ahead, `groups` groups of people and, unless left out, one crew of 3 hoarders.
 */
export interface SizedScenario {
  duration: string;
  /** arrivals a week per group, as written in the file (e.g. "1e9") */
  perWeek: string;
  groups?: number;
  /** the `policies:` entries, indented by two spaces */
  policies?: string;
  crew?: boolean;
}

export function sizedScenarioYaml({ duration, perWeek, groups = 1, policies, crew = true }: SizedScenario): string {
  const people = Array.from({ length: groups }, (_, i) =>
    `    - { group: g${i}, counter: renewal, arrivals: { perWeek: ${perWeek} }, deadlineDays: { min: 20, max: 90 }, checksPerDay: { median: 3 } }`);
  return [
    'name: sized',
    'start: 2019-01-07',
    `duration: ${duration}`,
    'target:',
    '  counters:',
    '    renewal: { days: [mon, tue], hours: "08:30-12:00", slotMinutes: 15, desks: 2 }',
    'policy:',
    '  release: { kind: weekly, day: sun, at: "20:00", horizon: 4w }',
    ...(policies ? ['policies:', policies] : []),
    'population:',
    '  legit:',
    ...people,
    ...(crew ? ['  scalpers:', '    - { crew: cafe, strategy: hoarder, agents: 3, identities: 50, pollEverySeconds: 1, priceEur: 120 }'] : []),
    '',
  ].join('\n');
}
