/**
 * Reads a policy file (what `guichet target --policy` serves: release, measures, flaws and
 * optional counters, the shape of a scenario's `policy:` plus `counters`), through the same
 * reading and messages as scenario files: every problem at once, as `file:line:col path: message`.
 *
 * The target may not import this folder: the CLI loads the file here and hands the parsed
 * policy to the target.
 */
import type { z } from 'zod';
import { TargetConfigSchema } from '../target/domain/policy.js';
import { ScenarioError } from './errors.js';
import { readMapping, readSource, SCENARIO_MESSAGES, schemaIssues, validateScenario, type ReadFile } from './load.js';
import type { Scenario } from './schema.js';

export type TargetConfig = z.output<typeof TargetConfigSchema>;

const EMPTY = 'the file is empty: a policy file needs at least release (e.g. release: { kind: weekly, day: sun, at: "20:00", horizon: 8w })';
const SHAPE = 'release: …, measures: …';

const POLICY_KEYS = new Set(Object.keys(TargetConfigSchema.shape));
/** Keys only a scenario has at its top level. */
const SCENARIO_ONLY = ['name', 'start', 'duration', 'population', 'target', 'policy', 'policies', 'market'];

/** A mapping with scenario keys and none of a policy file's own: a scenario passed as a policy. */
export function looksLikeScenario(data: Record<string, unknown>): boolean {
  const keys = Object.keys(data);
  return keys.some((k) => SCENARIO_ONLY.includes(k)) && !keys.some((k) => POLICY_KEYS.has(k));
}

/**
 * A mapping with a policy file's keys (release, measures, flaws, counters) and no scenario key:
 * `release:` alone suffices, so a policy with a misspelt key is still checked as a policy.
 */
export function looksLikePolicy(data: Record<string, unknown>): boolean {
  const keys = Object.keys(data);
  if (keys.some((k) => SCENARIO_ONLY.includes(k))) return false;
  return keys.includes('release') || (keys.length > 0 && keys.every((k) => POLICY_KEYS.has(k)));
}

function validatePolicy(read: ReadFile): TargetConfig {
  if (looksLikeScenario(read.data)) {
    throw new ScenarioError([read.issue(read.locator.locate([], 'value'), '',
      'this looks like a scenario file, not a policy file',
      'use its `policy:` section in a file of its own, or pass it with --scenario')]);
  }
  const result = TargetConfigSchema.safeParse(read.data, { reportInput: true });
  if (result.success) return result.data;
  throw new ScenarioError(schemaIssues(TargetConfigSchema, read, result.error.issues));
}

/** Runs a read of a policy file; its errors carry POLICY_INVALID (the reader's default is SCENARIO_INVALID). */
function asPolicyFile<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ScenarioError && e.code !== 'POLICY_INVALID') throw new ScenarioError(e.issues, 'POLICY_INVALID');
    throw e;
  }
}

export function parsePolicy(text: string, file: string): TargetConfig {
  return asPolicyFile(() => validatePolicy(readMapping(text, file, { empty: EMPTY, shape: SHAPE })));
}

export function loadPolicy(file: string): TargetConfig {
  return asPolicyFile(() => parsePolicy(readSource(file, 'policy file'), file));
}

export type ConfigFile = { kind: 'scenario'; scenario: Scenario } | { kind: 'policy'; policy: TargetConfig };

/**
 * A scenario or a policy file, told apart by its top-level keys unless `kind` says which
 * (`guichet validate` checks both).
 */
export function loadConfigFile(file: string, kind?: ConfigFile['kind']): ConfigFile {
  // a file is a scenario unless it says otherwise: an empty or unreadable one is told as a scenario
  if (kind === 'policy') return { kind: 'policy', policy: loadPolicy(file) };
  const read = readMapping(readSource(file, 'scenario'), file, SCENARIO_MESSAGES);
  if (kind === undefined && looksLikePolicy(read.data)) {
    return { kind: 'policy', policy: asPolicyFile(() => validatePolicy(read)) };
  }
  return { kind: 'scenario', scenario: validateScenario(read) };
}
