import type { Argv, CommandModule } from 'yargs';
import { startLocalCluster } from '../cluster/local-cluster.js';

/** Flags of `artemis cluster up`. */
export interface ClusterUpArgs {
  readonly nodes: number;
  readonly basePort: number;
  readonly host: string;
  readonly databaseUrl?: string;
  readonly dataDir: string;
}

/** `artemis cluster up`: a local cluster for development, until Ctrl-C (docs/scale.md). */
export const clusterUpCommand: CommandModule<object, ClusterUpArgs> = {
  command: 'up',
  describe: 'Start N nodes on loopback that replicate to each other (Ctrl-C stops them all)',
  builder: (up: Argv) =>
    up
      .option('nodes', { type: 'number', default: 3, describe: 'How many nodes' })
      .option('base-port', { type: 'number', default: 8081, describe: 'Port of the first node; the next ones follow' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address the nodes listen on and advertise' })
      .option('database-url', { type: 'string', describe: 'A Postgres all nodes share [default: one embedded server under --data-dir]' })
      .option('data-dir', { type: 'string', default: './data/cluster', describe: 'Directory of the shared embedded database and the nodes' }) as unknown as Argv<ClusterUpArgs>,
  handler: async (args) => {
    if (!Number.isInteger(args.nodes) || args.nodes < 1 || args.nodes > 16) {
      process.stderr.write('artemis: --nodes must be between 1 and 16\n');
      process.exitCode = 2;
      return;
    }
    const cluster = await startLocalCluster({
      nodes: args.nodes,
      basePort: args.basePort,
      host: args.host,
      dataDir: args.dataDir,
      ...(args.databaseUrl === undefined ? {} : { databaseUrl: args.databaseUrl }),
      write: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`cluster up: ${cluster.urls.join(' ')} (Ctrl-C stops it)\n`);
    await new Promise<void>((resolve) => {
      let stopping = false;
      const shutdown = (): void => {
        if (stopping) return;
        stopping = true;
        void cluster.stop().then(resolve);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
    process.stdout.write('cluster stopped\n');
  },
};
