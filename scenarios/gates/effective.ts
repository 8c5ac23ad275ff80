/**
 * The gates each policy is judged on: the scenario's `gates:` for every policy, with a policy's
 * own `gates:` (or `baseline.gates` for the scenario's `policy`) replacing them metric by
 * metric. And where the live gates are, which a simulated run refuses (run-mode.ts).
 */
import { BASELINE, effectivePolicies, type Scenario } from '../schema.js';
import { isLiveTarget, parseGate, parseGateMetric, type GateSpec } from './grammar.js';

type GateMap = Record<string, string[]>;

export interface PolicyGates {
  policy: string;
  gates: GateSpec[];
}

function ownGates(s: Scenario, policy: string): GateMap | undefined {
  return policy === BASELINE ? s.baseline?.gates : s.policies[policy]?.gates;
}

/** Where each gate map of the scenario sits, with its gates. */
function gateMaps(s: Scenario): { path: (string | number)[]; gates: GateMap }[] {
  const maps = [{ path: ['gates'], gates: s.gates }];
  if (s.baseline?.gates) maps.push({ path: ['baseline', 'gates'], gates: s.baseline.gates });
  for (const [name, p] of Object.entries(s.policies)) if (p.gates) maps.push({ path: ['policies', name, 'gates'], gates: p.gates });
  return maps;
}

/** Every policy's gates, in the order of effectivePolicies; the schema has checked each parses. */
export function gatesByPolicy(s: Scenario): PolicyGates[] {
  return effectivePolicies(s).map(({ name }) => {
    const merged: GateMap = { ...s.gates, ...ownGates(s, name) };
    const gates = Object.entries(merged).flatMap(([metric, expressions]) => expressions.map((e) => {
      const gate = parseGate(metric, e);
      if (!gate.ok) throw new Error(`gate ${metric}: ${e}: ${gate.message} (the schema should have refused it)`);
      return gate.value;
    }));
    return { policy: name, gates };
  });
}

export function hasGates(s: Scenario): boolean {
  return gateMaps(s).some((m) => Object.keys(m.gates).length > 0);
}

/** The paths of gates on live metrics: a simulated run measures none of them. */
export function liveGatePaths(s: Scenario): (string | number)[][] {
  return gateMaps(s).flatMap(({ path, gates }) => Object.keys(gates)
    .filter((metric) => { const t = parseGateMetric(metric); return t.ok && isLiveTarget(t.value); })
    .map((metric) => [...path, metric]));
}
