/** Localisable words (labels, descriptions): what a mistake in them reads like in `guichet validate`. */
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError } from './load.js';

describe('labels in a scenario file', () => {
  it('locate a missing language, a wrong type, an unknown language and empty text, each once', () => {
    let lines: string[] = [];
    try {
      loadScenario('scenarios/fixtures/bad/bad-labels.yaml');
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      lines = e.format().split('\n');
    }
    expect(lines).toEqual([
      'scenarios/fixtures/bad/bad-labels.yaml:2:8 label.en: missing required field "en"',
      'scenarios/fixtures/bad/bad-labels.yaml:10:20 baseline.label: expected text or a mapping (key: value), got a number (3)',
      'scenarios/fixtures/bad/bad-labels.yaml:10:56 baseline.description.de: unknown key "de"',
      'scenarios/fixtures/bad/bad-labels.yaml:14:14 population.legit[0].label: must not be empty',
    ]);
  });
});
