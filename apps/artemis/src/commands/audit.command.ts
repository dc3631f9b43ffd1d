import type { ArtemisAdmin } from '@artemis/client';
import type { Argv } from 'yargs';
import type { CliRuntime } from '../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../cli/ops-command.js';
import { parseSince } from '../cli/since.js';
import { formatTime } from '../cli/format.js';
import { UsageError } from '../cli/exit-codes.js';

interface Args {
  readonly since?: string;
  readonly operator?: string;
  readonly service?: string;
  readonly limit: number;
}

/** One row of the merged audit trail. */
interface AuditEntry {
  readonly kind: string;
  readonly createTime: number;
  readonly operatorId: string;
  readonly operation: string;
  readonly target: string;
  readonly row: object;
}

type Filter = { operatorId?: string; serviceId?: string; limit: number };
type Source = { kind: string; byService: boolean; read: (admin: ArtemisAdmin, f: Filter) => Promise<AuditEntry[]> };

// A body that claimed another operator than its token shows as `token:ci (claimed alice)`.
const operatorOf = (row: { operatorId: string; operatorNote?: string }): string => (row.operatorNote ? `${row.operatorId} (claimed ${row.operatorNote})` : row.operatorId);
const entry = (kind: string, row: { createTime: number; operatorId: string; operatorNote?: string; operation: string }, target: string): AuditEntry => ({
  kind,
  createTime: row.createTime,
  operatorId: operatorOf(row),
  operation: row.operation,
  target,
  row,
});
const done = (complete: boolean) => (complete ? ' (completed)' : '');

/** The management logs the audit trail merges; those without a serviceId filter are skipped under `--service`. */
const SOURCES: readonly Source[] = [
  { kind: 'instance', byService: true, read: async (a, f) => ((await a.logs.instanceOperations(f)).logs ?? []).map((r) => entry('instance', r, `${r.serviceId}/${r.instanceId}${done(r.complete)}`)) },
  { kind: 'server', byService: false, read: async (a, f) => ((await a.logs.serverOperations(f)).logs ?? []).map((r) => entry('server', r, `${r.serverId}${done(r.complete)}`)) },
  { kind: 'zone', byService: true, read: async (a, f) => ((await a.logs.zoneOperations(f)).logs ?? []).map((r) => entry('zone', r, `${r.serviceId}/${r.zoneId}${done(r.complete)}`)) },
  { kind: 'group', byService: true, read: async (a, f) => ((await a.logs.groups(f)).logs ?? []).map((r) => entry('group', r, `${r.serviceId}/${r.regionId}/${r.zoneId}/${r.name}`)) },
  { kind: 'group-operation', byService: false, read: async (a, f) => ((await a.logs.groupOperations(f)).logs ?? []).map((r) => entry('group-operation', r, `group ${r.groupId}${done(r.complete)}`)) },
  { kind: 'group-instance', byService: false, read: async (a, f) => ((await a.logs.groupInstances(f)).logs ?? []).map((r) => entry('group-instance', r, `group ${r.groupId}: ${r.instanceId}`)) },
  { kind: 'route-rule', byService: true, read: async (a, f) => ((await a.logs.routeRules(f)).logs ?? []).map((r) => entry('route-rule', r, `${r.serviceId}/${r.name}${done(r.complete)}`)) },
  { kind: 'route-weight', byService: false, read: async (a, f) => ((await a.logs.routeRuleGroups(f)).logs ?? []).map((r) => entry('route-weight', r, `rule ${r.routeRuleId} group ${r.groupId} weight ${r.weight ?? '-'}`)) },
  { kind: 'logical-instance', byService: true, read: async (a, f) => ((await a.logs.serviceInstances(f)).logs ?? []).map((r) => entry('logical-instance', r, `${r.serviceId}/${r.instanceId}`)) },
];

/** `artemis audit`: every management change, newest first, from all the management logs merged. */
export const auditCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'audit',
    describe: 'Show management changes (who, what, when), newest first',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('since', { type: 'string', describe: 'Only changes since: a duration (30m, 2h, 7d) or an ISO 8601 time' })
        .option('operator', { type: 'string', describe: 'Only changes by this operator' })
        .option('service', { type: 'string', describe: 'Only changes of this service (logs that name a service)' })
        .option('limit', { type: 'number', default: 100, describe: 'At most this many rows (1-1000)' }) as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      if (!Number.isInteger(args.limit) || args.limit < 1 || args.limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
      const since = args.since === undefined ? undefined : parseSince(args.since, Date.now());
      const filter: Filter = { limit: args.limit, ...(args.operator === undefined ? {} : { operatorId: args.operator }), ...(args.service === undefined ? {} : { serviceId: args.service }) };
      const sources = SOURCES.filter((s) => args.service === undefined || s.byService);
      const read = await Promise.all(sources.map((s) => s.read(admin, s.byService ? filter : { limit: filter.limit, ...(filter.operatorId === undefined ? {} : { operatorId: filter.operatorId }) })));
      const entries = read
        .flat()
        .filter((e) => since === undefined || e.createTime >= since)
        .sort((a, b) => b.createTime - a.createTime)
        .slice(0, args.limit);
      if (out.json) return out.printJson({ entries: entries.map((e) => ({ kind: e.kind, ...e.row })) });
      out.table(
        [{ header: 'TIME' }, { header: 'OPERATOR' }, { header: 'KIND' }, { header: 'OPERATION' }, { header: 'TARGET' }],
        entries.map((e) => [formatTime(e.createTime), e.operatorId, e.kind, e.operation, e.target]),
      );
    },
  });
