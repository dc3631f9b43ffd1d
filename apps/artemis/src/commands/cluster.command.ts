import type { CommandModule } from 'yargs';
import type { CliRuntime } from '../cli/runtime.js';
import { groupCommand, opsCommand } from '../cli/ops-command.js';
import { statusCell } from '../cli/table.js';
import { clusterUpCommand } from './cluster-up.command.js';

const yesNo = (value: boolean | null) => (value === null ? '-' : value ? 'yes' : 'no');

/** `artemis cluster status`: every node the answering node knows, and what each can serve. */
export const clusterStatusCommand = (runtime: CliRuntime) =>
  opsCommand(runtime, {
    command: 'status',
    describe: 'Show the nodes of the cluster and what each can serve',
    run: async (_args, { admin, out }) => {
      const [cluster, self] = await Promise.all([admin.status.cluster(), admin.status.node()]);
      if (out.json) return out.printJson(cluster);
      out.line(`${cluster.nodeCount} node${cluster.nodeCount === 1 ? '' : 's'}, answered by ${self.nodeStatus.node?.url ?? '?'}`);
      out.table(
        [{ header: 'URL' }, { header: 'REGION' }, { header: 'ZONE' }, { header: 'STATUS' }, { header: 'REGISTRY' }, { header: 'DISCOVERY' }],
        (cluster.nodesStatus ?? []).map((n) => [n.node?.url ?? '', n.node?.zone.regionId ?? '', n.node?.zone.zoneId ?? '', statusCell(n.status), yesNo(n.canServiceRegistry), yesNo(n.canServiceDiscovery)]),
      );
    },
  });

/** `artemis cluster`: its status, and `up` for a local development cluster. */
export const clusterCommand = (runtime: CliRuntime): CommandModule =>
  groupCommand('cluster', 'The cluster of nodes', [clusterStatusCommand(runtime), clusterUpCommand] as CommandModule<object, never>[]);
