import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';

interface Args {
  readonly id: number[];
}

/** `artemis group delete`: deletes groups by id. */
export const groupDeleteCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'delete',
    describe: 'Delete groups',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('id', { type: 'number', array: true, demandOption: true, describe: 'Group id; repeat for several' }) as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const answer = await admin.groups.delete(args.id);
      if (out.json) return out.printJson(answer);
      out.line(`deleted group${args.id.length === 1 ? '' : 's'} ${args.id.join(', ')}`);
    },
  });
