import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';

interface Args {
  readonly id: string;
}

/** `artemis token revoke`: the token stops working at once. */
export const tokenRevokeCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'revoke',
    describe: 'Revoke a token',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('id', { type: 'string', demandOption: true, describe: 'Token id (see artemis token list)' }) as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const answer = await admin.auth.revokeToken(args.id);
      if (out.json) return out.printJson(answer);
      out.line(`token ${args.id} revoked`);
    },
  });
