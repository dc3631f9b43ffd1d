import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';

interface Args {
  readonly region?: string;
}

/** `artemis zone list`: the zones pulled out, by service. */
export const zoneListCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'list',
    describe: 'List pulled-out zones',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('region', { type: 'string', describe: 'Only this region [default: all]' }) as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const answer = await admin.zones.all(args.region ?? null);
      if (out.json) return out.printJson(answer);
      out.table(
        [{ header: 'SERVICE' }, { header: 'REGION' }, { header: 'ZONE' }, { header: 'OPERATIONS' }],
        answer.allZoneOperations.map((z) => [z.zoneKey.serviceId ?? '', z.zoneKey.regionId ?? '', z.zoneKey.zoneId ?? '', z.operations.join(',')]),
      );
    },
  });
