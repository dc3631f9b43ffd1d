import type { Instance } from '@artemis/core';
import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { statusCell } from '../../cli/table.js';

interface Args {
  readonly service?: string;
}

/** `artemis instances list`: every registered instance (hidden ones as down), of one service or all. */
export const instancesListCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'list',
    describe: 'List instances, hidden ones shown as down',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('service', { type: 'string', describe: 'Only this service' }) as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const { services } = await admin.instances.services();
      const wanted = args.service?.toLowerCase();
      const instances: Instance[] = (services ?? [])
        .filter((service) => wanted === undefined || service.serviceId.toLowerCase() === wanted)
        .flatMap((service) => [...(service.instances ?? [])])
        .sort((a, b) => `${a.serviceId}/${a.instanceId}`.localeCompare(`${b.serviceId}/${b.instanceId}`));
      if (out.json) return out.printJson({ instances });
      out.table(
        [{ header: 'SERVICE' }, { header: 'INSTANCE' }, { header: 'REGION' }, { header: 'ZONE' }, { header: 'IP' }, { header: 'URL' }, { header: 'STATUS' }],
        instances.map((i) => [i.serviceId ?? '', i.instanceId ?? '', i.regionId ?? '', i.zoneId ?? '', i.ip ?? '', i.url ?? '', statusCell(i.status)]),
      );
    },
  });
