/** `guichet schema`: print the JSON Schema of scenario files, for editors. */
import type { Command } from 'commander';
import { scenarioJsonSchemaText } from '../../scenarios/json-schema.js';
import type { Output } from './validate.js';

const stdout: Pick<Output, 'out'> = { out: (text) => { process.stdout.write(text); } };

export function registerSchema(program: Command, io: Pick<Output, 'out'> = stdout): Command {
  return program.command('schema')
    .description('print the JSON Schema of scenario files (for yaml-language-server, VS Code)')
    .addHelpText('after', '\nExample:\n  guichet schema > scenarios/scenario.schema.json\n'
      + '  then start a scenario file with: # yaml-language-server: $schema=./scenario.schema.json')
    .action(() => {
      io.out(scenarioJsonSchemaText());
    });
}
