import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { statusCell } from '../../cli/table.js';

interface Args {
  readonly service?: string;
}

/** `artemis route list`: route rules with their group count. */
export const routeListCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'list',
    describe: 'List route rules',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('service', { type: 'string', describe: 'Only this service' }) as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const [{ routeRules }, { routeRuleGroups }] = await Promise.all([admin.routeRules.all(), admin.routeRules.allGroups()]);
      const wanted = args.service?.toLowerCase();
      const rules = (routeRules ?? []).filter((r) => wanted === undefined || r.serviceId?.toLowerCase() === wanted).sort((a, b) => (a.routeRuleId ?? 0) - (b.routeRuleId ?? 0));
      if (out.json) return out.printJson({ routeRules: rules });
      out.table(
        [{ header: 'ID', align: 'right' }, { header: 'SERVICE' }, { header: 'NAME' }, { header: 'STATUS' }, { header: 'STRATEGY' }, { header: 'GROUPS', align: 'right' }, { header: 'UNRELEASED', align: 'right' }],
        rules.map((r) => {
          const members = (routeRuleGroups ?? []).filter((m) => m.routeRuleId === r.routeRuleId);
          const unreleased = members.filter((m) => m.unreleasedWeight !== null && m.unreleasedWeight !== m.weight).length;
          return [String(r.routeRuleId ?? ''), r.serviceId ?? '', r.name ?? '', statusCell(r.status), r.strategy ?? '', String(members.length), unreleased > 0 ? { text: String(unreleased), colour: 'yellow' } : '0'];
        }),
      );
    },
  });
