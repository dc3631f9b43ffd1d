import type { Argv, CommandModule } from 'yargs';
import { ArtemisError } from '@artemis/core';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/create-logger.js';
import { runServer } from '../server/run-server.js';

/** Flags of `artemis server`. */
export interface ServerArgs {
  readonly host?: string;
  readonly port?: number;
  readonly region?: string;
  readonly zone?: string;
  readonly config?: string;
  readonly databaseUrl?: string;
  readonly dataDir?: string;
}

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 5_000;

/** `artemis server`: runs a node until SIGTERM or SIGINT. */
export function serverCommand(env: Readonly<Record<string, string | undefined>>): CommandModule<object, ServerArgs> {
  return {
    command: 'server',
    describe: 'Run an Artemis node',
    builder: (yargs: Argv) =>
      yargs
        .option('host', { type: 'string', describe: 'Address to listen on [default: 0.0.0.0]' })
        .option('port', { type: 'number', describe: 'Port to listen on; 0 picks a free one [default: 8080]' })
        .option('region', { type: 'string', describe: 'Region this node serves [default: default]' })
        .option('zone', { type: 'string', describe: 'Zone this node is in [default: default]' })
        .option('config', { type: 'string', describe: 'JSON config file; ARTEMIS_* variables and flags override it' })
        .option('database-url', { type: 'string', describe: 'Postgres URL for management data (ARTEMIS_DATABASE_URL) [default: embedded, under --data-dir]' })
        .option('data-dir', { type: 'string', describe: 'Directory of the embedded management database [default: ./data]' })
        .example('$0 server --port 0', 'start on a free port; the first log line names it')
        .example('ARTEMIS_LEASE__TTL_MS=30000 $0 server', 'set a nested key from the environment')
        .example('$0 server --database-url postgres://artemis@db:5432/artemis', 'keep management data in Postgres') as Argv<ServerArgs>,
    handler: async (args) => {
      let loaded;
      try {
        loaded = loadConfig({
          ...(args.config === undefined ? {} : { file: args.config }),
          env,
          flags: { host: args.host, port: args.port, region: args.region, zone: args.zone, databaseUrl: args.databaseUrl, dataDir: args.dataDir },
        });
      } catch (error) {
        if (!(error instanceof ArtemisError)) throw error;
        process.stderr.write(`artemis: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      const logger = createLogger(loaded.config.log);
      const node = await runServer(loaded, logger);
      const shutdown = (signal: string): void => {
        logger.info(`received ${signal}; shutting down`, { event: 'shutdown', signal });
        const deadline = setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS);
        deadline.unref();
        void node.stop(SHUTDOWN_DEADLINE_MS - 1_000).then(() => {
          logger.info('stopped', { event: 'stopped' });
          logger.close();
          process.exit(0);
        });
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    },
  };
}
