import { ReservedRouteIds } from '@artemis/core';
import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';

interface Args {
  readonly service?: string;
}

/** `artemis canary list`: each service's canary groups and the instances they list. */
export const canaryListCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'list',
    describe: 'List canary groups and their instances',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('service', { type: 'string', describe: 'Only this service' }) as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const [{ routeRules }, { routeRuleGroups }, { groups }] = await Promise.all([admin.routeRules.all(), admin.routeRules.allGroups(), admin.groups.all()]);
      const wanted = args.service?.toLowerCase();
      const rules = (routeRules ?? []).filter((r) => r.name === ReservedRouteIds.canaryRouteRule && (wanted === undefined || r.serviceId?.toLowerCase() === wanted));
      const byId = new Map((groups ?? []).map((g) => [g.groupId, g]));
      const canaries = [];
      for (const rule of rules) {
        for (const member of (routeRuleGroups ?? []).filter((m) => m.routeRuleId === rule.routeRuleId)) {
          const group = byId.get(member.groupId);
          const { groupInstances } = await admin.groups.instances({ ...(member.groupId === null ? {} : { groupId: member.groupId }) });
          canaries.push({ serviceId: rule.serviceId, appId: group?.appId ?? null, groupId: member.groupId, groupKey: group?.groupKey ?? null, instanceIds: (groupInstances ?? []).map((i) => i.instanceId) });
        }
      }
      if (out.json) return out.printJson({ canaries });
      out.table(
        [{ header: 'SERVICE' }, { header: 'APP' }, { header: 'GROUP' }, { header: 'INSTANCES' }],
        canaries.map((c) => [c.serviceId ?? '', c.appId ?? '', c.groupKey ?? String(c.groupId), c.instanceIds.join(',')]),
      );
    },
  });
