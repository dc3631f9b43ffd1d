import type { GroupWeight } from '@artemis/core';
import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { regionOf } from '../../cli/region.js';
import { UsageError } from '../../cli/exit-codes.js';

interface Args {
  readonly service: string;
  readonly name: string;
  readonly group: string[];
  readonly region?: string;
  readonly zone: string;
  readonly strategy: string;
  readonly status: string;
  readonly description?: string;
}

/** Reads `name=weight` or `zone/name=weight`. */
function parseGroup(text: string, zone: string): { name: string; zone: string; weight: number } {
  const match = /^(?:([^/=]+)\/)?([^/=]+)=(\d+)$/.exec(text);
  if (match === null) throw new UsageError(`--group "${text}" is not name=weight or zone/name=weight`);
  return { zone: match[1] ?? zone, name: match[2] as string, weight: Number(match[3]) };
}

/** `artemis route create`: a rule with weighted groups (created when missing); the weights wait for `route release`. */
export const routeCreateCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'create',
    describe: 'Create a route rule with weighted groups (weights served once released)',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('service', { type: 'string', demandOption: true, describe: 'Service id' })
        .option('name', { type: 'string', demandOption: true, describe: 'Rule name' })
        .option('group', { type: 'string', array: true, demandOption: true, describe: 'name=weight or zone/name=weight; repeat for each group' })
        .option('region', { type: 'string', describe: 'Region of the groups [default: the node\'s]' })
        .option('zone', { type: 'string', default: 'default', describe: 'Zone of groups given without one' })
        .option('strategy', { type: 'string', choices: ['weighted-round-robin', 'close-by-visit'], default: 'weighted-round-robin' })
        .option('status', { type: 'string', choices: ['active', 'inactive'], default: 'active' })
        .option('description', { type: 'string' })
        .example('$0 route create --service orders --name split --group blue=90 --group green=10', '') as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const parsed = args.group.map((g) => parseGroup(g, args.zone));
      const regionId = await regionOf(args.region, admin);
      const groups: GroupWeight[] = parsed.map((g) => ({
        appId: args.service, description: null, groupId: null, groupKey: null, metadata: null, name: g.name, regionId, serviceId: args.service, status: 'active', zoneId: g.zone, weight: g.weight,
      }));
      const rule = { description: args.description ?? null, name: args.name, routeRuleId: null, serviceId: args.service, status: args.status, strategy: args.strategy };
      await admin.routeRules.create(rule, groups);
      const { routeRules } = await admin.routeRules.all();
      const created = (routeRules ?? []).find((r) => r.serviceId?.toLowerCase() === args.service.toLowerCase() && r.name?.toLowerCase() === args.name.toLowerCase());
      if (out.json) return out.printJson({ routeRule: created ?? null });
      out.line(`route rule ${created?.routeRuleId ?? '?'} ${args.service}/${args.name} created; weights are served after: artemis route release --id ${created?.routeRuleId ?? '?'}`);
    },
  });
