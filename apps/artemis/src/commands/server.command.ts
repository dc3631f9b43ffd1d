import type { Argv, CommandModule } from 'yargs';
import { ArtemisError } from '@artemis/core';
import { EmbeddedDatabaseError } from '@artemis/management';
import { CLI_ENV_VARIABLES } from '../config/env-config.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/create-logger.js';
import { runServer } from '../server/run-server.js';
import { checkClusterConfig } from '../server/start-cluster.js';

/** Flags of `artemis server`. */
export interface ServerArgs {
  readonly host?: string;
  readonly port?: number;
  readonly region?: string;
  readonly zone?: string;
  readonly config?: string;
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  readonly peers?: string;
  readonly advertiseUrl?: string;
  readonly clusterSecret?: string;
  readonly checkConfig?: boolean;
  // Security (docs/security.md)
  readonly auth?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
}

/**
 * The operator's message for a start that failed for a reason of theirs (a data directory in
 * use, a port taken...), or null for anything else, which is a bug and keeps its stack.
 */
function startupFailure(error: unknown, dataDir: string, address: string): string | null {
  // Cluster: a bad peer list or a missing secret is the operator's to fix.
  if (error instanceof ArtemisError) return error.message;
  if (error instanceof EmbeddedDatabaseError) {
    const hint = error.failure === 'legacy-data' ? `; carry it over once with: artemis migrate-pglite --data-dir ${dataDir} (docs/operations.md)` : '';
    return `${error.message}${hint}`;
  }
  // A setting of theirs that only start-up can check (TLS files, the bootstrap token).
  if (error instanceof ArtemisError && error.code === 'bad-request') return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return `cannot listen on ${address}: the port is already in use; stop what uses it, or give another --port`;
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') return `cannot listen on ${address}: ${(error as Error).message}`;
  return null;
}

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 5_000;

/** `artemis server`: runs a node until SIGTERM or SIGINT. */
export function serverCommand(env: Readonly<Record<string, string | undefined>>, subcommands: readonly CommandModule[] = []): CommandModule<object, ServerArgs> {
  return {
    command: 'server',
    describe: 'Run an Artemis node (or pull a server of the cluster out: artemis server pull-out --help)',
    builder: (yargs: Argv) =>
      subcommands
        .reduce((built, sub) => built.command(sub), yargs)
        .option('host', { type: 'string', describe: 'Address to listen on [default: 0.0.0.0]' })
        .option('port', { type: 'number', describe: 'Port to listen on; 0 picks a free one [default: 8080]' })
        .option('region', { type: 'string', describe: 'Region this node serves [default: default]' })
        .option('zone', { type: 'string', describe: 'Zone this node is in [default: default]' })
        .option('config', { type: 'string', describe: 'JSON config file; ARTEMIS_* variables and flags override it' })
        .option('database-url', { type: 'string', describe: 'Postgres URL for management data (ARTEMIS_DATABASE_URL) [default: embedded, under --data-dir]' })
        .option('data-dir', { type: 'string', describe: 'Directory of the embedded management database [default: ./data]' })
        .option('peers', { type: 'string', describe: 'Cluster peers: http://a:8080,http://b:8080 or zone:url,url;zone2:url (ARTEMIS_CLUSTER__PEERS)' })
        .option('advertise-url', { type: 'string', describe: 'The URL peers and clients reach this node at, as listed in --peers' })
        .option('cluster-secret', { type: 'string', describe: 'Secret shared by the cluster, signs replication (ARTEMIS_CLUSTER__SECRET)' })
        .option('check-config', { type: 'boolean', describe: 'Validate the configuration (cluster included) and exit' })
        .option('auth', { type: 'string', choices: ['enabled', 'disabled'], describe: 'disabled: local development only, anyone is an admin [default: enabled]' })
        .option('tls-cert', { type: 'string', describe: 'PEM certificate: serve HTTPS, WSS and socket.io over TLS on the one port' })
        .option('tls-key', { type: 'string', describe: 'PEM private key of --tls-cert' })
        .example('$0 server --port 0', 'start on a free port; the first log line names it')
        .example('ARTEMIS_LEASE__TTL_MS=30000 $0 server', 'set a nested key from the environment')
        .example('$0 server --database-url postgres://artemis@db:5432/artemis', 'keep management data in Postgres')
        .example('$0 server --advertise-url http://a:8080 --peers http://a:8080,http://b:8080 --cluster-secret $SECRET', 'join a cluster') as Argv<ServerArgs>,
    handler: async (args) => {
      let loaded;
      try {
        loaded = loadConfig({
          ...(args.config === undefined ? {} : { file: args.config }),
          env,
          flags: {
            host: args.host,
            port: args.port,
            region: args.region,
            zone: args.zone,
            databaseUrl: args.databaseUrl,
            dataDir: args.dataDir,
            advertisedUrl: args.advertiseUrl,
            ...(args.peers === undefined && args.clusterSecret === undefined ? {} : { cluster: { peers: args.peers, secret: args.clusterSecret } }),
            auth: args.auth === undefined ? undefined : { mode: args.auth },
            tls: args.tlsCert === undefined && args.tlsKey === undefined ? undefined : { cert: args.tlsCert, key: args.tlsKey },
          },
        });
        if (args.checkConfig === true) {
          const peers = checkClusterConfig(loaded.config);
          process.stdout.write(`configuration is valid${peers.length > 0 ? `; cluster peers: ${peers.map((peer) => peer.url).join(', ')}` : ''}\n`);
          return;
        }
      } catch (error) {
        if (!(error instanceof ArtemisError)) throw error;
        process.stderr.write(`artemis: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      const logger = createLogger(loaded.config.log);
      const config = loaded.config;
      const unknownEnv = (loaded.ignoredEnv ?? []).filter((name) => !CLI_ENV_VARIABLES.has(name));
      if (unknownEnv.length > 0) logger.warn(`ignoring environment variables that name no setting: ${unknownEnv.join(', ')}`, { event: 'unknown-env', variables: unknownEnv });
      // Installed before the node starts: without a listener, a SIGTERM that arrives while it
      // starts would kill the process outright, leaving its embedded database to fend for itself.
      let stopping = false;
      const started = runServer(loaded, logger).catch((error: unknown) => {
        const message = startupFailure(error, config.dataDir, `${config.host}:${config.port}`);
        if (message === null) throw error;
        process.stderr.write(`artemis: ${message}\n`);
        process.exitCode = 2;
        return null;
      });
      const shutdown = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        logger.info(`received ${signal}; shutting down`, { event: 'shutdown', signal });
        const deadline = setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS);
        deadline.unref();
        void started
          .then((node) => node?.stop(SHUTDOWN_DEADLINE_MS - 1_000))
          .finally(() => {
            logger.info('stopped', { event: 'stopped' });
            logger.close();
            process.exit(process.exitCode ?? 0);
          });
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
      if ((await started) === null) {
        logger.close();
        process.removeAllListeners('SIGTERM');
        process.removeAllListeners('SIGINT');
      }
    },
  };
}
