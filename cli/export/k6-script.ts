/**
 * A k6 plan (k6-plan.ts) as a self-contained k6 TypeScript script: it imports only k6's own
 * modules, carries the flows as data, and takes its knobs from `-e` variables (BASE_URL,
 * DURATION, PEOPLE_SCALE, TIME_SCALE), so that the same file runs on a laptop, under
 * k6-operator or on Grafana Cloud k6. Deterministic: the same plan gives the same text.
 */
import type { CrewFlow, K6Plan, PeopleFlow } from './k6-plan.js';
import { K6_RUNTIME } from './k6-runtime.js';

/** "cybercafe-users" → "people_cybercafe_users": ids are [a-z][a-z0-9-]*, so this is one-to-one. */
export const peopleExec = (group: string): string => `people_${group.replace(/-/g, '_')}`;
export const crewExec = (crew: string): string => `crew_${crew.replace(/-/g, '_')}`;

const json = (v: unknown): string => JSON.stringify(v, null, 2);

function peopleScenario(f: PeopleFlow): Record<string, unknown> {
  return {
    executor: 'constant-arrival-rate', exec: peopleExec(f.group), timeUnit: '1h',
    preAllocatedVUs: f.preAllocatedVUs, maxVUs: f.maxVUs, tags: { population: 'people', group: f.group },
  };
}

function crewScenario(f: CrewFlow): Record<string, unknown> {
  return { executor: 'constant-vus', exec: crewExec(f.crew), vus: f.agents, tags: { population: f.crew, strategy: f.strategy } };
}

/** The scenarios object: rate and duration come from the script's variables, so they are spliced in as code. */
function scenariosCode(plan: K6Plan): string {
  const entries = [
    ...plan.people.map((f) => ({ name: peopleExec(f.group), body: peopleScenario(f), rate: `hourly(${f.visitsPerHour})` })),
    ...plan.crews.map((f) => ({ name: crewExec(f.crew), body: crewScenario(f), rate: undefined })),
  ];
  const lines = entries.map(({ name, body, rate }) => {
    const fields = Object.entries(body).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    if (rate) fields.push(`rate: ${rate}`);
    fields.push('duration: DURATION');
    return `    ${name}: { ${fields.join(', ')} },`;
  });
  return `{\n${lines.join('\n')}\n  }`;
}

function execFunctions(plan: K6Plan): string {
  const people = plan.people.map((f) => `export function ${peopleExec(f.group)}(data: SetupData): void { visit(PEOPLE[${JSON.stringify(f.group)}] as PeopleFlow, data); }`);
  const crews = plan.crews.map((f) => `export function ${crewExec(f.crew)}(data: SetupData): void { poll(CREWS[${JSON.stringify(f.crew)}] as CrewFlow, data); }`);
  return [...people, ...crews].join('\n');
}

function header(plan: K6Plan, source: string): string {
  const unmirrored = plan.unmirroredGates.length === 0 ? []
    : ['//', '// Gates on simulated figures, which k6 does not measure (judge them with `guichet run --gate`):',
      ...plan.unmirroredGates.map((g) => `//   ${g}`)];
  const name = plan.scenario.replace(/\s+/g, ' ');
  return [
    `// k6 load test of "${name}", policy ${plan.policy}: written by \`guichet export k6 ${source}\`.`,
    '// Regenerate it from the scenario rather than editing it. Steps: docs/k6.md in the guichet repository.',
    '//',
    '// The target must trust X-Forwarded-For (`guichet target --trust-proxy`): each person and bot sends its own address.',
    '//   k6 run -e BASE_URL=http://127.0.0.1:8080 test.ts',
    '// Variables (-e NAME=value): BASE_URL; DURATION (default 10m); PEOPLE_SCALE, a factor on people\'s visits',
    '// (default 1); TIME_SCALE, a factor on every think time and poll interval (default 1: real time).',
    ...unmirrored,
  ].join('\n');
}

/** The script's text for `plan`; `source` is the scenario path as the user gave it. */
export function k6Script(plan: K6Plan, source: string): string {
  const people = Object.fromEntries(plan.people.map((f) => [f.group, f]));
  const crews = Object.fromEntries(plan.crews.map((f) => [f.crew, f]));
  return `${header(plan, source)}
import http from 'k6/http';
import { check, sleep } from 'k6';
import { sha256 } from 'k6/crypto';
import type { Options } from 'k6/options';

const BASE_URL = __ENV['BASE_URL'] || 'http://127.0.0.1:8080';
const DURATION = __ENV['DURATION'] || '10m';
const PEOPLE_SCALE = Number(__ENV['PEOPLE_SCALE'] || '1');
const TIME_SCALE = Number(__ENV['TIME_SCALE'] || '1');

/** visits an hour, scaled, as k6 wants them: a whole number, at least one */
const hourly = (perHour: number): number => Math.max(1, Math.round(perHour * PEOPLE_SCALE));

interface PeopleFlow {
  group: string; counter: string; visitsPerHour: number; bookSeconds: number; captchaSeconds: number; captchaFailRate: number;
  sharedIp: number; sharedEmail: number; sharedIps: number; agdref: boolean; preAllocatedVUs: number; maxVUs: number;
}
interface CrewFlow {
  crew: string; index: number; strategy: string; agents: number; counters: string[]; pollSeconds: number; jitterSeconds: number;
  bookSeconds: number; ips: number; identities: number; solver?: { latencySeconds: number; accuracy: number }; maxHeldPerAgent?: number;
}

const PEOPLE: Record<string, PeopleFlow> = ${json(people)};

const CREWS: Record<string, CrewFlow> = ${json(crews)};

// A refusal (409 taken, 429 rate-limited, 403 a wrong captcha) is an answer: as in guichet's live
// metrics, only a 5xx or no answer at all is a failed request.
http.setResponseCallback(http.expectedStatuses({ min: 200, max: 499 }));

export const options: Options = {
  scenarios: ${scenariosCode(plan)},
  thresholds: ${json(plan.thresholds).replace(/\n/g, '\n  ')},
};
${K6_RUNTIME}
${execFunctions(plan)}
`;
}
