import type { ServiceNode } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useAsync } from '../shell/use-async';

const yesNo = (value: boolean | null): string => (value === null ? '—' : value ? 'yes' : 'no');

function NodeList({ title, nodes }: { title: string; nodes: readonly ServiceNode[] }) {
  return (
    <div className="card">
      <h2>{title}</h2>
      {nodes.length === 0 ? (
        <Empty>none</Empty>
      ) : (
        <ul>
          {nodes.map((node) => (
            <li key={node.url}>
              {node.url} <span className="muted">{node.zone.zoneId}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Every node of the cluster with its state and zone; the up-registry and up-discovery lists. */
export function ClusterPage() {
  const { admin } = useSession();
  const [data, reload] = useAsync(async () => {
    const [cluster, registry, discovery] = await Promise.all([admin.status.cluster(), admin.status.upRegistryNodes(), admin.status.upDiscoveryNodes()]);
    return { nodes: cluster.nodesStatus ?? [], registry: registry.nodes ?? [], discovery: discovery.nodes ?? [] };
  }, [admin]);
  return (
    <section aria-labelledby="cluster-title">
      <h1 id="cluster-title">Cluster</h1>
      <div className="toolbar">
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      {data.status === 'loading' ? (
        <Loading what="the cluster" />
      ) : data.status === 'error' ? (
        <ErrorState error={data.error} retry={reload} />
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Node</th>
                  <th>Region</th>
                  <th>Zone</th>
                  <th>State</th>
                  <th>Serves registry</th>
                  <th>Serves discovery</th>
                  <th>Registry from other zones</th>
                  <th>Discovery from other zones</th>
                </tr>
              </thead>
              <tbody>
                {data.data.nodes.map((status) => (
                  <tr key={status.node?.url ?? 'unknown'} data-node={status.node?.url ?? ''}>
                    <td>{status.node?.url}</td>
                    <td>{status.node?.zone.regionId}</td>
                    <td>{status.node?.zone.zoneId}</td>
                    <td>
                      <span className={`pill ${status.status === 'up' ? 'pill-up' : 'pill-out'}`}>{status.status}</span>
                    </td>
                    <td>{yesNo(status.canServiceRegistry)}</td>
                    <td>{yesNo(status.canServiceDiscovery)}</td>
                    <td>{yesNo(status.allowRegistryFromOtherZone)}</td>
                    <td>{yesNo(status.allowDiscoveryFromOtherZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="grid-2">
            <NodeList title="Up for registry" nodes={data.data.registry} />
            <NodeList title="Up for discovery" nodes={data.data.discovery} />
          </div>
        </>
      )}
    </section>
  );
}
