/**
 * Checks that span several fields (a group's counter must exist, ids are unique, …).
 * They run even when other parts of the file are invalid, so that one pass reports every
 * error: the value may be partly malformed, hence the defensive reads.
 */
import { DURATION_RE, durationMs } from '../../target/domain/time-units.js';
import { didYouMean } from '../suggest.js';
import { unknownGateCrews } from '../gates/crews.js';

export interface CrossIssue {
  path: (string | number)[];
  message: string;
  hint?: string;
  input?: unknown;
}
type Report = (issue: CrossIssue) => void;
type Path = (string | number)[];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const ms = (v: unknown): number | undefined => (typeof v === 'string' && DURATION_RE.test(v) ? durationMs(v) : undefined);

export function crossCheck(value: unknown, report: Report): void {
  if (!isRecord(value)) return;
  checkWarmup(value, report);
  const target = value['target'];
  // without counters there is nothing to check references against (their absence is reported already)
  const ids = isRecord(target) && isRecord(target['counters']) ? Object.keys(target['counters']) : [];
  const counters = ids.length > 0 ? ids : undefined;
  const population = isRecord(value['population']) ? value['population'] : {};
  checkIds(list(population['legit']), 'group', ['population', 'legit'], report);
  checkIds(list(population['scalpers']), 'crew', ['population', 'scalpers'], report);
  if (counters) {
    checkCounters(list(population['legit']), ['population', 'legit'], counters, report);
    checkCounters(list(population['scalpers']), ['population', 'scalpers'], counters, report);
  }
  list(population['legit']).forEach((g, i) => {
    if (isRecord(g) && typeof g['buyAfterDays'] === 'number' && g['willingToPayEur'] === undefined) {
      report({
        path: ['population', 'legit', i, 'buyAfterDays'], input: g['buyAfterDays'],
        message: 'buyAfterDays needs willingToPayEur: at what price do they buy?',
        hint: 'add willingToPayEur: { median: 120 }',
      });
    }
  });
  checkIds(list(value['load']), 'name', ['load'], report);
  if (counters) checkCounters(list(value['load']), ['load'], counters, report);
  checkPolicy(value['policy'], ['policy'], counters, report);
  if (isRecord(value['policies'])) {
    for (const [name, override] of Object.entries(value['policies'])) checkPolicy(override, ['policies', name], counters, report);
  }
  for (const issue of unknownGateCrews(value)) report(issue);
}

function checkWarmup(value: Record<string, unknown>, report: Report): void {
  const warmup = ms(value['warmup']);
  const duration = ms(value['duration']);
  if (warmup !== undefined && duration !== undefined && duration > 0 && warmup >= duration) {
    report({
      path: ['warmup'], input: value['warmup'],
      message: `warmup (${String(value['warmup'])}) must be shorter than duration (${String(value['duration'])}): nobody would be measured`,
    });
  }
}

function checkIds(items: unknown[], key: 'group' | 'crew' | 'name', path: Path, report: Report): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const id = isRecord(item) ? item[key] : undefined;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else report({ path: [...path, i, key], input: id, message: `duplicate ${key === 'name' ? 'flood name' : `${key} id`} "${id}": already used by ${path.join('.')}[${first}]` });
  });
}

function unknownCounter(id: string, counters: string[], path: Path, report: Report): void {
  report({
    path, input: id,
    message: `unknown counter "${id}"`,
    hint: didYouMean(id, counters) ?? `target.counters has: ${counters.join(', ')}`,
  });
}

function checkCounters(items: unknown[], path: Path, counters: string[], report: Report): void {
  items.forEach((item, i) => {
    const counter = isRecord(item) ? item['counter'] : undefined;
    if (typeof counter === 'string' && !counters.includes(counter)) unknownCounter(counter, counters, [...path, i, 'counter'], report);
  });
}

function checkPolicy(policy: unknown, path: Path, counters: string[] | undefined, report: Report): void {
  if (!isRecord(policy)) return;
  const release = policy['release'];
  if (isRecord(release) && ms(release['horizon']) === 0) {
    report({ path: [...path, 'release', 'horizon'], input: release['horizon'], message: 'the release horizon must be longer than 0 (e.g. "8w")' });
  }
  const measures = isRecord(policy['measures']) ? policy['measures'] : {};
  const registry = measures['registryCheck'];
  if (counters && isRecord(registry)) {
    list(registry['counters']).forEach((c, i) => {
      if (typeof c === 'string' && !counters.includes(c)) unknownCounter(c, counters, [...path, 'measures', 'registryCheck', 'counters', i], report);
    });
  }
}
