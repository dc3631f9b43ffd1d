import type { Argv, CommandModule } from 'yargs';
import type { CliRuntime } from '../cli/runtime.js';
import { cliVersion } from '../cli/version.js';

/** `artemis version`: this CLI's version and the Node.js running it. */
export const versionCommand = (runtime: CliRuntime): CommandModule<object, { json?: boolean }> => ({
  command: 'version',
  describe: 'Print the version of artemis',
  builder: (yargs: Argv) => yargs.option('json', { type: 'boolean', describe: 'Print JSON' }) as Argv<{ json?: boolean }>,
  handler: (args) => {
    const version = cliVersion();
    runtime.stdout.write(args.json === true ? `${JSON.stringify({ version, node: process.version })}\n` : `artemis ${version} (node ${process.version})\n`);
  },
});
