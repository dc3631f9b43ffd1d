import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { runBatch } from '../../cli/batch.js';
import { regionOf } from '../../cli/region.js';

interface Args {
  readonly ip: string[];
  readonly region?: string;
  readonly operation: string;
  readonly reason?: string;
}

/** `artemis server pull-out|pull-in --ip`: hides every instance of a machine, or shows them again. */
export const serverPullCommand = (runtime: CliRuntime, direction: 'pull-out' | 'pull-in') =>
  opsCommand<Args>(runtime, {
    command: direction,
    describe: direction === 'pull-out' ? 'Hide every instance of a server (by IP) from discovery' : 'Serve a pulled-out server\'s instances again',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('ip', { type: 'string', array: true, demandOption: true, describe: 'Server IP; repeat for several' })
        .option('region', { type: 'string', describe: 'Region [default: the node\'s]' })
        .option('operation', { type: 'string', default: 'pullout', describe: 'Operation name recorded' })
        .option('reason', { type: 'string', describe: 'Why, for the log' })
        .example(`$0 server ${direction} --ip 10.0.0.1`, '') as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const regionId = await regionOf(args.region, admin);
      const context = { operation: args.operation, ...(args.reason === undefined ? {} : { reason: args.reason }) };
      return runBatch(out, direction === 'pull-out' ? 'pulled out' : 'pulled in', args.ip, (ip) => ip, (serverId) =>
        admin.instances.operateServer({ regionId, serverId }, direction === 'pull-in', context),
      );
    },
  });
