import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { runBatch } from '../../cli/batch.js';
import { regionOf } from '../../cli/region.js';

interface Args {
  readonly service: string;
  readonly instance: string[];
  readonly region?: string;
  readonly operation: string;
  readonly reason?: string;
}

/** `artemis instance pull-out|pull-in`: hides instances from discovery, or shows them again. */
export const instancePullCommand = (runtime: CliRuntime, direction: 'pull-out' | 'pull-in') =>
  opsCommand<Args>(runtime, {
    command: direction,
    describe: direction === 'pull-out' ? 'Hide instances from discovery (they stay registered)' : 'Serve pulled-out instances again',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('service', { type: 'string', demandOption: true, describe: 'Service id' })
        .option('instance', { type: 'string', array: true, demandOption: true, describe: 'Instance id; repeat for several' })
        .option('region', { type: 'string', describe: 'Region [default: the node\'s]' })
        .option('operation', { type: 'string', default: 'pullout', describe: 'Operation name recorded (any recorded operation hides the instance)' })
        .option('reason', { type: 'string', describe: 'Why, for the log' })
        .example(`$0 instance ${direction} --service orders --instance orders-1`, '') as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const regionId = await regionOf(args.region, admin);
      const context = { operation: args.operation, ...(args.reason === undefined ? {} : { reason: args.reason }) };
      return runBatch(out, direction === 'pull-out' ? 'pulled out' : 'pulled in', args.instance, (id) => `${args.service}/${id}`, (instanceId) =>
        admin.instances.operateInstance({ regionId, serviceId: args.service, instanceId }, direction === 'pull-in', context),
      );
    },
  });
