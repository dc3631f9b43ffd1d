import type { ZoneOperations } from '@artemis/core';
import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { regionOf } from '../../cli/region.js';
import { statusCell } from '../../cli/table.js';
import { ArtemisRequestError } from '@artemis/client';
import { ExitCode } from '../../cli/exit-codes.js';

interface Args {
  readonly zone: string;
  readonly service?: string[];
  readonly region?: string;
  readonly operation: string;
  readonly reason?: string;
  readonly batch: number;
}

/**
 * `artemis zone pull-out|pull-in`: hides a zone of services (each service named, or every
 * service with instances in the zone) from discovery, or shows it again, a batch per request
 * with progress.
 */
export const zonePullCommand = (runtime: CliRuntime, direction: 'pull-out' | 'pull-in') =>
  opsCommand<Args>(runtime, {
    command: direction,
    describe: direction === 'pull-out' ? 'Hide a zone of services from discovery' : 'Serve a pulled-out zone again',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('zone', { type: 'string', demandOption: true, describe: 'Zone id' })
        .option('service', { type: 'string', array: true, describe: 'Service id; repeat for several [default: every service with instances in the zone, or for pull-in every service pulled out of it]' })
        .option('region', { type: 'string', describe: 'Region [default: the node\'s]' })
        .option('operation', { type: 'string', default: 'pullout', describe: 'Operation name recorded' })
        .option('reason', { type: 'string', describe: 'Why, for the log' })
        .option('batch', { type: 'number', default: 50, describe: 'Services per request' })
        .check((args) => {
          if (!Number.isInteger(args.batch) || args.batch < 1 || args.batch > 1000) throw new Error('--batch must be a whole number from 1 to 1000');
          return true;
        })
        .example(`$0 zone ${direction} --zone zone-a`, 'every service of zone-a') as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const regionId = await regionOf(args.region, admin);
      const zone = args.zone.toLowerCase();
      let services = args.service;
      if (services === undefined) {
        services =
          direction === 'pull-out'
            ? ((await admin.instances.services()).services ?? []).filter((s) => (s.instances ?? []).some((i) => i.zoneId?.toLowerCase() === zone)).map((s) => s.serviceId)
            : ((await admin.zones.all(regionId)).allZoneOperations ?? []).filter((z) => z.zoneKey.zoneId?.toLowerCase() === zone && z.operations.includes(args.operation)).map((z) => z.zoneKey.serviceId ?? '');
      }
      const list: ZoneOperations[] = services.map((serviceId) => ({ zoneKey: { regionId, serviceId, zoneId: args.zone }, operations: [args.operation] }));
      const context = { operation: args.operation, ...(args.reason === undefined ? {} : { reason: args.reason }) };
      const rows: { service: string; errorCode: string; message: string }[] = [];
      for (let start = 0; start < list.length; start += args.batch) {
        const batch = list.slice(start, start + args.batch);
        let errorCode = 'success';
        let message = '';
        try {
          await admin.zones.operate(batch, direction === 'pull-in', context);
        } catch (error) {
          if (!(error instanceof ArtemisRequestError)) throw error;
          ({ code: errorCode, message } = error);
        }
        for (const item of batch) rows.push({ service: item.zoneKey.serviceId ?? '', errorCode, message });
        out.progress(rows.length, list.length, `${direction === 'pull-out' ? 'pulled out' : 'pulled in'} zone ${args.zone} of services`);
      }
      if (out.json) out.printJson({ zone: { regionId, zoneId: args.zone }, results: rows });
      else if (rows.length === 0) out.line(`no service ${direction === 'pull-out' ? 'has instances in' : 'is pulled out of'} zone ${args.zone}`);
      else out.table([{ header: 'SERVICE' }, { header: 'ZONE' }, { header: 'RESULT' }, { header: 'MESSAGE' }], rows.map((r) => [r.service, args.zone, statusCell(r.errorCode), r.message]));
      return rows.every((r) => r.errorCode === 'success') ? ExitCode.ok : ExitCode.refused;
    },
  });
