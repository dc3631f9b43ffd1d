import yargs from 'yargs';
import { migratePGliteCommand } from './commands/migrate-pglite.command.js';
import { serverCommand } from './commands/server.command.js';
import { clusterCommand } from './commands/cluster.command.js';

/**
 * Runs the `artemis` command line. The only place that reads the process environment; every
 * command receives what it needs from here.
 */
export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<void> {
  await yargs([...argv])
    .scriptName('artemis')
    .command(serverCommand(env))
    .command(migratePGliteCommand)
    .command(clusterCommand)
    .demandCommand(1, 'Name a command; see --help.')
    .strict()
    .help()
    .parseAsync();
}
