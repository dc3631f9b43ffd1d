import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { routeView, zoneShares, type RouteMember } from './route-view.js';

interface Args {
  readonly id: number;
  readonly dryRun?: boolean;
}

const percent = (value: number | undefined) => `${(value ?? 0).toFixed(1)}%`;

/**
 * `artemis route release`: serves the unreleased weights of a rule, showing each group's
 * weight before and after and each zone's share of the traffic; `--dry-run` only shows it.
 */
export const routeReleaseCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'release',
    describe: 'Serve a rule\'s unreleased weights (weights and zone shares before and after shown)',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('id', { type: 'number', demandOption: true, describe: 'Route rule id' })
        .option('dry-run', { type: 'boolean', describe: 'Show what each group and zone would get, change nothing' }) as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const { rule, members } = await routeView(admin, args.id);
      const before = zoneShares(members, (m: RouteMember) => m.released);
      const after = zoneShares(members, (m: RouteMember) => m.pending);
      if (args.dryRun !== true && members.length > 0) {
        await admin.routeRules.releaseGroups(members.map((m) => ({ routeRuleId: m.membership.routeRuleId, groupId: m.membership.groupId })), { operation: 'release' });
      }
      const groups = members.map((m) => ({ groupId: m.membership.groupId, groupKey: m.group?.groupKey ?? null, zoneId: m.group?.zoneId ?? null, before: m.released, after: m.pending }));
      const zones = [...new Set([...before.keys(), ...after.keys()])].sort().map((zoneId) => ({ zoneId, before: before.get(zoneId) ?? 0, after: after.get(zoneId) ?? 0 }));
      if (out.json) return out.printJson({ routeRuleId: rule.routeRuleId, dryRun: args.dryRun === true, groups, zones });
      out.line(`${args.dryRun === true ? 'would release' : 'released'} route rule ${rule.routeRuleId} ${rule.serviceId}/${rule.name}`);
      out.table(
        [{ header: 'GROUP' }, { header: 'ZONE' }, { header: 'BEFORE', align: 'right' }, { header: 'AFTER', align: 'right' }],
        groups.map((g) => [g.groupKey ?? String(g.groupId), g.zoneId ?? '?', String(g.before), g.after === g.before ? String(g.after) : { text: String(g.after), colour: 'yellow' }]),
      );
      out.line();
      out.table([{ header: 'ZONE' }, { header: 'SHARE BEFORE', align: 'right' }, { header: 'SHARE AFTER', align: 'right' }], zones.map((z) => [z.zoneId, percent(z.before), percent(z.after)]));
    },
  });
