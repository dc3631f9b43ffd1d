import type { Argv, CommandModule } from 'yargs';
import { createLogger } from '../logging/create-logger.js';
import { migratePGlite } from '../migrate/migrate-pglite.js';

/** Flags of `artemis migrate-pglite`. */
export interface MigratePGliteArgs {
  readonly dataDir: string;
  readonly json?: boolean;
}

/** `artemis migrate-pglite`: carries an Artemis 0.1 embedded database over to this version's. */
export const migratePGliteCommand: CommandModule<object, MigratePGliteArgs> = {
  command: 'migrate-pglite',
  describe: 'Carry the management data of an Artemis 0.1 data directory (embedded PGlite) over to the embedded Postgres, once',
  builder: (yargs: Argv) =>
    yargs
      .option('data-dir', { type: 'string', default: './data', describe: 'The node data directory holding management/ (the old database)' })
      .option('json', { type: 'boolean', describe: 'Print the result as JSON' })
      .example('$0 migrate-pglite --data-dir ./data', 'copy ./data/management (PGlite) into ./data/postgres') as unknown as Argv<MigratePGliteArgs>,
  handler: async (args) => {
    const logger = createLogger({ level: 'warn', format: 'pretty' }, {}, 'stderr');
    try {
      const result = await migratePGlite(args.dataDir, logger, (line) => {
        if (args.json !== true) process.stderr.write(`${line}\n`);
      });
      if (args.json === true) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
      } else {
        const width = Math.max(...Object.keys(result.rows).map((table) => table.length));
        process.stdout.write(`${'TABLE'.padEnd(width)}  ROWS\n`);
        for (const [table, count] of Object.entries(result.rows)) process.stdout.write(`${table.padEnd(width)}  ${count}\n`);
        process.stdout.write(`\nmanagement data copied into the embedded Postgres; the old directory is kept at ${result.keptAt}\n`);
      }
    } catch (error) {
      process.stderr.write(`artemis: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    } finally {
      logger.close();
    }
  },
};
