import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { routeView } from './route-view.js';

interface Args {
  readonly id: number;
}

/** `artemis route get`: a rule and each group's served and unreleased weight. */
export const routeGetCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'get',
    describe: 'Show a route rule with each group\'s served and unreleased weight',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('id', { type: 'number', demandOption: true, describe: 'Route rule id' }) as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const { rule, members } = await routeView(admin, args.id);
      if (out.json) return out.printJson({ routeRule: rule, routeRuleGroups: members.map((m) => m.membership) });
      out.line(`route rule ${rule.routeRuleId} ${rule.serviceId}/${rule.name} (${rule.status}, ${rule.strategy})`);
      out.table(
        [{ header: 'GROUP', align: 'right' }, { header: 'KEY' }, { header: 'ZONE' }, { header: 'WEIGHT', align: 'right' }, { header: 'UNRELEASED', align: 'right' }],
        members.map((m) => [String(m.membership.groupId ?? ''), m.group?.groupKey ?? '?', m.group?.zoneId ?? '?', String(m.released), m.pending === m.released ? '' : { text: String(m.pending), colour: 'yellow' }]),
      );
    },
  });
