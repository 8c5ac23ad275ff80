/** Parsing of the human units used in policies and scenarios: "8w", "90m", "20:00", "mon". */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
export const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;

/** durations already parsed: a policy has a handful, read at every request that needs one */
const parsedDurations = new Map<string, number>();

/** "8w" → milliseconds. Throws on anything else (schemas validate before calling). */
export function durationMs(text: string): number {
  let ms = parsedDurations.get(text);
  if (ms === undefined) {
    const m = DURATION_RE.exec(text);
    if (!m) throw new Error(`not a duration: ${text}`);
    ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
    if (parsedDurations.size < 1024) parsedDurations.set(text, ms);
  }
  return ms;
}

export const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "20:30" → minutes after midnight. */
export function clockMinutes(text: string): number {
  const m = CLOCK_RE.exec(text);
  if (!m) throw new Error(`not a time of day: ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export const HOURS_RE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** "08:30-12:00" → [510, 720] minutes after midnight. */
export function hoursRange(text: string): [number, number] {
  const [from, to] = text.split('-') as [string, string];
  return [clockMinutes(from), to === '24:00' ? 1440 : clockMinutes(to)];
}

/** Monday = 0 … Sunday = 6 (ISO order, as Luxon's weekday − 1). */
export function weekdayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day);
}
