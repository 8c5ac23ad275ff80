/**
 * How a scenario runs live (`guichet run --mode live`): the pace of race windows, the network
 * budget of the driver, and which driver speaks to the target. Ignored in virtual time, where a
 * `live:` block is refused so that nobody believes it changed a simulated figure.
 */
import { z } from 'zod';
import { DURATION_RE, durationMs } from '../../target/domain/time-units.js';

const WindowLength = z.string()
  .regex(DURATION_RE, 'expected a duration such as "30s" or "2m"')
  .refine((d) => !DURATION_RE.test(d) || durationMs(d) <= 3_600_000, 'must be at most "1h": a race window runs in real time');

export const CLIENTS = ['http', 'browser'] as const;
export const Client = z.enum(CLIENTS)
  .describe('how this group reaches the target in a live run: "http" (the JSON API) or "browser" (the HTML pages in Chromium); live runs only');

export const LiveSchema = z.strictObject({
  raceSpeed: z.number().min(0.1).max(100).default(1)
    .describe('simulated seconds per real second inside race windows (1 = real time), between 0.1 and 100'),
  fastSpeed: z.number().min(1).max(10_000).default(60)
    .describe('simulated seconds per real second between race windows while requests are in flight (idle time is skipped), between 1 and 10,000'),
  raceWindow: z.strictObject({
    before: WindowLength.default('30s').describe('real-speed time before each release'),
    after: WindowLength.default('2m').describe('real-speed time after each release, where the race happens'),
  }).default({ before: '30s', after: '2m' }).describe('the stretch around each release that runs at race speed; elsewhere idle time is skipped'),
  timeoutSeconds: z.number().min(0.1).max(120).default(10).describe('seconds before a request counts as a timeout, at most 120'),
  connections: z.number().int().min(1).max(1024).default(64).describe('keep-alive connections of the HTTP driver to the target, at most 1,024'),
  driver: z.string().min(1).default('http')
    .describe('"http" (JSON API), "forms" (HTML forms without a browser) or a path to a driver module, relative to the scenario'),
  browserContexts: z.number().int().min(1).max(64).optional()
    .describe('browser contexts open at once for `client: browser` groups, at most 64; default 2 per core'),
});
export type LiveSettings = z.output<typeof LiveSchema>;
