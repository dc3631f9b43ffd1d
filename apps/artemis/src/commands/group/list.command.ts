import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { statusCell } from '../../cli/table.js';
import { formatTags } from '../../cli/format.js';

interface Args {
  readonly service?: string;
}

/** `artemis group list`: groups with their tags and operations. */
export const groupListCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'list',
    describe: 'List groups with their tags and operations',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('service', { type: 'string', describe: 'Only this service' }) as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const [groups, tags, operations] = await Promise.all([admin.groups.all(), admin.groups.allTags(), admin.groups.allOperations()]);
      const wanted = args.service?.toLowerCase();
      const list = (groups.groups ?? []).filter((g) => wanted === undefined || g.serviceId?.toLowerCase() === wanted).sort((a, b) => (a.groupId ?? 0) - (b.groupId ?? 0));
      if (out.json) return out.printJson({ ...groups, groups: list });
      const tagsOf = new Map(tags.allGroupTags.map((t) => [t.groupId, t.tags]));
      const operationsOf = new Map(operations.allGroupOperations.map((o) => [o.groupId, o.operations ?? []]));
      out.table(
        [{ header: 'ID', align: 'right' }, { header: 'SERVICE' }, { header: 'REGION' }, { header: 'ZONE' }, { header: 'NAME' }, { header: 'APP' }, { header: 'STATUS' }, { header: 'TAGS' }, { header: 'OPERATIONS' }],
        list.map((g) => [String(g.groupId ?? ''), g.serviceId ?? '', g.regionId ?? '', g.zoneId ?? '', g.name ?? '', g.appId ?? '', statusCell(g.status), formatTags(tagsOf.get(g.groupId)), (operationsOf.get(g.groupId) ?? []).join(',')]),
      );
    },
  });
