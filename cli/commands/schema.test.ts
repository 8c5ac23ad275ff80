import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSchema } from './schema.js';

describe('guichet schema', () => {
  it('prints the JSON Schema that is committed as scenarios/scenario.schema.json', async () => {
    let out = '';
    const program = new Command().name('guichet').exitOverride();
    registerSchema(program, { out: (s) => { out += s; } });
    await program.parseAsync(['node', 'guichet', 'schema']);
    expect(out).toBe(readFileSync('scenarios/scenario.schema.json', 'utf8'));
    const schema = JSON.parse(out) as { $schema: string; title: string };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('guichet scenario');
  });

  it('refuses arguments it does not take', async () => {
    const program = new Command().name('guichet').exitOverride().configureOutput({ writeErr: () => {} });
    registerSchema(program, { out: () => {} });
    await expect(program.parseAsync(['node', 'guichet', 'schema', 'extra'])).rejects.toMatchObject({ code: 'commander.excessArguments' });
  });
});
