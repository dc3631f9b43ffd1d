import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand } from '../../cli/ops-command.js';

/** `artemis services list`: every service with its instance counts, hidden ones counted as down. */
export const servicesListCommand = (runtime: CliRuntime) =>
  opsCommand(runtime, {
    command: 'list',
    describe: 'List services with their instance counts',
    run: async (_args, { admin, out }) => {
      const answer = await admin.instances.services();
      if (out.json) return out.printJson(answer);
      const services = [...(answer.services ?? [])].sort((a, b) => a.serviceId.localeCompare(b.serviceId));
      out.table(
        [{ header: 'SERVICE' }, { header: 'INSTANCES', align: 'right' }, { header: 'UP', align: 'right' }, { header: 'DOWN', align: 'right' }, { header: 'LOGICAL', align: 'right' }, { header: 'ROUTE RULES', align: 'right' }],
        services.map((service) => {
          const instances = service.instances ?? [];
          const down = instances.filter((instance) => instance.status === 'down').length;
          return [service.serviceId, String(instances.length), String(instances.length - down), down > 0 ? { text: String(down), colour: 'red' } : '0', String(service.logicInstances?.length ?? 0), String(service.routeRules?.length ?? 0)];
        }),
      );
    },
  });
