import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { formatTags } from '../../cli/format.js';
import { UsageError } from '../../cli/exit-codes.js';

interface Args {
  readonly id: number;
}

/** `artemis group get`: one group, its tags, operations and listed instances. */
export const groupGetCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'get',
    describe: 'Show a group: its fields, tags, operations and listed instances',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('id', { type: 'number', demandOption: true, describe: 'Group id' }) as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      if (!Number.isInteger(args.id)) throw new UsageError('--id must be a whole number');
      const [{ groups }, { groupTags }, { groupOperations }, { groupInstances }] = await Promise.all([
        admin.groups.find({ groupId: args.id }),
        admin.groups.tags(args.id),
        admin.groups.operations(args.id),
        admin.groups.instances({ groupId: args.id }),
      ]);
      const group = groups?.[0];
      if (group === undefined) throw new UsageError(`no group with id ${args.id}; see artemis group list`);
      if (out.json) return out.printJson({ group, groupTags, groupOperations, groupInstances });
      out.table(
        [{ header: 'FIELD' }, { header: 'VALUE' }],
        [
          ['id', String(group.groupId)],
          ['key', group.groupKey ?? ''],
          ['service', group.serviceId ?? ''],
          ['region', group.regionId ?? ''],
          ['zone', group.zoneId ?? ''],
          ['name', group.name ?? ''],
          ['app', group.appId ?? ''],
          ['status', group.status ?? ''],
          ['description', group.description ?? ''],
          ['tags', formatTags(groupTags?.tags)],
          ['operations', (groupOperations?.operations ?? []).join(',')],
          ['instances', (groupInstances ?? []).map((i) => i.instanceId ?? '').join(',')],
        ],
      );
    },
  });
