import { Roles, type Role } from '@artemis/core';
import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { UsageError } from '../../cli/exit-codes.js';

interface Args {
  readonly name: string;
  readonly role: Role;
  readonly expiresIn?: string;
}

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `artemis token create`: an API token for a program; the secret is printed once. */
export const tokenCreateCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'create',
    describe: 'Create an API token (the secret is shown once)',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('name', { type: 'string', demandOption: true, describe: 'What the token is for' })
        .option('role', { type: 'string', choices: [...Roles], demandOption: true })
        .option('expires-in', { type: 'string', describe: 'Lifetime: 3600s, 30m, 12h, 90d [default: never expires]' }) as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      let expiresInSeconds: number | undefined;
      if (args.expiresIn !== undefined) {
        const match = /^(\d+)([smhd])$/.exec(args.expiresIn);
        if (match === null) throw new UsageError(`--expires-in "${args.expiresIn}" is not a duration such as 30m, 12h or 90d`);
        expiresInSeconds = Number(match[1]) * (UNITS[match[2] as string] as number);
      }
      const issued = await admin.auth.createToken({ name: args.name, role: args.role, ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }) });
      if (out.json) return out.printJson(issued);
      out.line(`token ${issued.tokenInfo?.tokenId ?? '?'} (${args.role}) created; its secret, shown only now:`);
      out.line(issued.token ?? '');
    },
  });
