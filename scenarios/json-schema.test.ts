import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.js';

describe('scenario.schema.json', () => {
  it('the committed file is the generated schema', () => {
    const committed = readFileSync('scenarios/scenario.schema.json', 'utf8');
    // if this fails after a schema change: npm run build && node dist/cli/main.js schema > scenarios/scenario.schema.json
    expect(committed, 'scenarios/scenario.schema.json is stale: run `npm run build && node dist/cli/main.js schema > scenarios/scenario.schema.json`')
      .toBe(scenarioJsonSchemaText());
  });

  it('describes the input side: strict objects, defaults optional, titled', () => {
    const schema = scenarioJsonSchema() as {
      title: string; required: string[]; additionalProperties: boolean;
      properties: Record<string, { default?: unknown }>;
    };
    expect(schema.title).toBe('guichet scenario');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'start', 'duration', 'target', 'policy', 'population']);
    expect(schema.properties['replications']?.default).toBe(10);
  });
});
