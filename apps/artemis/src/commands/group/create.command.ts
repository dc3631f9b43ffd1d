import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { regionOf } from '../../cli/region.js';

interface Args {
  readonly service: string;
  readonly name: string;
  readonly region?: string;
  readonly zone: string;
  readonly app?: string;
  readonly status: string;
  readonly description?: string;
}

/** `artemis group create`: creates (or updates) a group by service, region, zone and name. */
export const groupCreateCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'create',
    describe: 'Create or update a group (by service, region, zone and name)',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('service', { type: 'string', demandOption: true, describe: 'Service id' })
        .option('name', { type: 'string', demandOption: true, describe: 'Group name' })
        .option('region', { type: 'string', describe: 'Region [default: the node\'s]' })
        .option('zone', { type: 'string', default: 'default', describe: 'Zone' })
        .option('app', { type: 'string', describe: 'App id [default: the service id]' })
        .option('status', { type: 'string', choices: ['active', 'inactive'], default: 'active' })
        .option('description', { type: 'string' }) as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const regionId = await regionOf(args.region, admin);
      const group = { appId: args.app ?? args.service, description: args.description ?? null, groupId: null, groupKey: null, metadata: null, name: args.name, regionId, serviceId: args.service, status: args.status, zoneId: args.zone };
      await admin.groups.upsert([group]);
      const { groups } = await admin.groups.find({ serviceId: args.service, regionId, zoneId: args.zone, name: args.name });
      const created = groups?.[0];
      if (out.json) return out.printJson({ group: created ?? null });
      out.line(`group ${created?.groupId ?? '?'} ${created?.groupKey ?? ''}`);
    },
  });
