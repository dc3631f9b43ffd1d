import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { statusCell } from '../../cli/table.js';
import { formatTags } from '../../cli/format.js';

interface Args {
  readonly service: string;
  readonly region?: string;
  readonly zone?: string;
}

/** `artemis services get`: one service's instances, groups and route rules as operators see them. */
export const servicesGetCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'get',
    describe: 'Show one service: its instances (hidden ones as down), groups and route rules',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('service', { type: 'string', demandOption: true, describe: 'Service id' })
        .option('region', { type: 'string', describe: 'Only this region' })
        .option('zone', { type: 'string', describe: 'Only this zone' }) as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const answer = await admin.instances.service(args.service, args.region ?? null, args.zone ?? null);
      if (out.json) return out.printJson(answer);
      const service = answer.service;
      out.line(`service ${service?.serviceId ?? args.service}`);
      out.line();
      out.table(
        [{ header: 'INSTANCE' }, { header: 'REGION' }, { header: 'ZONE' }, { header: 'IP' }, { header: 'URL' }, { header: 'STATUS' }],
        [...(service?.instances ?? []), ...(service?.logicInstances ?? [])].map((i) => [i.instanceId ?? '', i.regionId ?? '', i.zoneId ?? '', i.ip ?? '', i.url ?? '', statusCell(i.status)]),
      );
      const groups = answer.groups ?? [];
      if (groups.length > 0) {
        out.line();
        out.table(
          [{ header: 'GROUP' }, { header: 'INSTANCES' }, { header: 'TAGS' }],
          groups.map((group) => [group.groupKey, (group.instanceIds ?? []).join(','), formatTags(group.metadata)]),
        );
      }
      const rules = service?.routeRules ?? [];
      if (rules.length > 0) {
        out.line();
        out.table(
          [{ header: 'ROUTE RULE' }, { header: 'STRATEGY' }, { header: 'GROUP' }, { header: 'WEIGHT', align: 'right' }],
          rules.flatMap((rule) => (rule.groups ?? []).map((group) => [rule.routeId, rule.strategy, group.groupKey, String(group.weight ?? '')])),
        );
      }
    },
  });
