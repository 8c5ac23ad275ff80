/**
 * The JSON Schema of scenario files, for editors (yaml-language-server, VS Code): completion,
 * hover text and red squiggles while typing. Generated from the zod schema (input side: fields
 * with defaults are optional); cross-field checks only run in `guichet validate`.
 * scenarios/scenario.schema.json is this text, committed; a test keeps it in sync.
 */
import { z } from 'zod';
import { ScenarioSchema } from './schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  // draft-07 is the dialect editors support best; `unrepresentable: 'any'` because a YAML 1.1
  // Date is accepted for `start` but has no JSON form
  return z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** what `guichet schema` prints and the committed file holds */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
