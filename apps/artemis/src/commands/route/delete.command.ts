import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';

interface Args {
  readonly id: number[];
}

/** `artemis route delete`: deletes route rules by id. */
export const routeDeleteCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'delete',
    describe: 'Delete route rules',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('id', { type: 'number', array: true, demandOption: true, describe: 'Route rule id; repeat for several' }) as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const answer = await admin.routeRules.delete(args.id);
      if (out.json) return out.printJson(answer);
      out.line(`deleted route rule${args.id.length === 1 ? '' : 's'} ${args.id.join(', ')}`);
    },
  });
