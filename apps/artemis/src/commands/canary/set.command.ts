import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { UsageError } from '../../cli/exit-codes.js';

interface Args {
  readonly service: string;
  readonly app?: string;
  readonly ip?: string[];
  readonly clear?: boolean;
}

/** `artemis canary set`: makes a service's canary group hold exactly the given instance ids (IPs). */
export const canarySetCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'set',
    describe: 'Set the canary instances (by IP / instance id) of a service, or --clear them',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('service', { type: 'string', demandOption: true, describe: 'Service id' })
        .option('app', { type: 'string', describe: 'App id naming the canary group [default: the service id]' })
        .option('ip', { type: 'string', array: true, describe: 'Canary IP / instance id; repeat for several' })
        .option('clear', { type: 'boolean', describe: 'Empty the canary list' })
        .conflicts('ip', 'clear') as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      if (args.ip === undefined && args.clear !== true) throw new UsageError('give --ip (repeat for several) or --clear');
      const ips = args.clear === true ? [] : (args.ip ?? []);
      const answer = await admin.canary.setIps(args.service, args.app ?? args.service, ips);
      if (out.json) return out.printJson(answer);
      out.line(ips.length === 0 ? `canary list of ${args.service} cleared` : `canary of ${args.service}: ${ips.join(', ')}`);
    },
  });
