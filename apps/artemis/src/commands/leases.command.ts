import type { Argv } from 'yargs';
import type { CliRuntime } from '../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../cli/ops-command.js';

interface Args {
  readonly service?: string[];
}

/** A lease time as the node wrote it (its local time), to the second; `-` for the epoch (never). */
function leaseTime(text: string): string {
  const time = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(time) || Math.abs(time) < 86_400_000 ? '-' : text.replace(/\.\d+$/, '');
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
        [{ header: 'SERVICE' }, { header: 'INSTANCE' }, { header: 'CREATED' }, { header: 'RENEWED' }, { header: 'EVICTED' }, { header: 'TTL MS', align: 'right' }],
        Object.entries(answer.leases ?? {}).flatMap(([service, leases]) =>
          leases.map((lease) => [service, lease.instance, leaseTime(lease.creationTime), leaseTime(lease.renewalTime), leaseTime(lease.evitionTime), String(lease.ttl)]),
        ),
      );
    },
  });
