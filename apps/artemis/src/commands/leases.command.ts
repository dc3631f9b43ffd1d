import type { Argv } from 'yargs';
import type { CliRuntime } from '../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../cli/ops-command.js';
import { formatTime } from '../cli/format.js';

interface Args {
  readonly service?: string[];
}

/** `artemis leases`: the leases the answering node holds, and its self-preservation state. */
export const leasesCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'leases',
    describe: 'Show leases and self-preservation state',
    builder: (yargs: Argv<OpsArgs>) => yargs.option('service', { type: 'string', array: true, describe: 'Only these services' }) as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      const answer = await admin.status.leases(args.service ?? []);
      if (out.json) return out.printJson(answer);
      out.line(`${answer.leaseCount} lease${answer.leaseCount === 1 ? '' : 's'}; self-preservation ${answer.isSafeCheckEnabled ? (answer.isSafe ? 'enabled, not active' : 'ACTIVE (expiry paused)') : 'disabled'}; renewals in the last window ${answer.leaseUpdateCountLastTimeWindow} (max ${answer.leaseUpdateMaxCount})`);
      out.table(
        [{ header: 'SERVICE' }, { header: 'INSTANCE' }, { header: 'CREATED' }, { header: 'RENEWED' }, { header: 'EXPIRES' }, { header: 'TTL MS', align: 'right' }],
        Object.entries(answer.leases ?? {}).flatMap(([service, leases]) =>
          leases.map((lease) => [service, lease.instance, formatTime(lease.creationTime), formatTime(lease.renewalTime), formatTime(lease.evitionTime), String(lease.ttl)]),
        ),
      );
    },
  });
