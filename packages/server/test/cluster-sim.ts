import { expect } from '@jest/globals';
import { RegistryOperation } from '@artemis/core';
import { ArtemisEngine, ClusterReplication, defaultClusterReplicationOptions, defaultPeerQueueOptions, type PeerQueueOptions, type ReplicationTransport } from '../src/index.js';
import { ManualClock, SimulatedNetwork } from '../src/testing.js';
import { instance } from './fixtures.js';

// In-process cluster nodes on one manual clock, wired by the simulated network (the
// engine-level transport): the cluster tests' harness.

export interface SimNode {
  readonly url: string;
  readonly engine: ArtemisEngine;
  readonly cluster: ClusterReplication;
}

export interface Sim {
  readonly clock: ManualClock;
  readonly network: SimulatedNetwork;
  readonly nodes: SimNode[];
  /** Moves the clock `ms` forward in steps of `stepMs` (default 10), letting delivered messages' continuations run between steps. */
  run(ms: number, stepMs?: number): Promise<void>;
  startNode(index: number): SimNode;
}

export const AE_MS = defaultClusterReplicationOptions.antiEntropyIntervalMs;

/** `count` engines on one manual clock, wired by the simulated network, all started. */
export async function simulate(
  count: number,
  options: {
    delayMs?: number;
    lossRate?: number;
    queue?: Partial<PeerQueueOptions>;
    maxSyncRecords?: number;
    renewalReplicationIntervalMs?: number;
    /** Wraps each node's transport, e.g. to record what it sends. */
    wrapTransport?: (from: string, transport: ReplicationTransport) => ReplicationTransport;
  } = {},
): Promise<Sim> {
  const clock = new ManualClock();
  const network = new SimulatedNetwork(clock, { delayMs: options.delayMs ?? 1, lossRate: options.lossRate ?? 0, seed: 42 });
  const urls = Array.from({ length: count }, (_, i) => `http://node-${i}:8080`);
  const nodes: SimNode[] = [];
  const startNode = (index: number): SimNode => {
    const url = urls[index] as string;
    const engine = new ArtemisEngine({ regionId: 'default', zoneId: 'zone-a', nodeUrl: url, clock, scheduler: clock });
    const cluster = new ClusterReplication(engine, {
      ...defaultClusterReplicationOptions,
      peers: urls.filter((other) => other !== url).map((other) => ({ url: other, zoneId: null })),
      transport: options.wrapTransport?.(url, network.transportFor(url)) ?? network.transportFor(url),
      queue: { ...defaultPeerQueueOptions, ...options.queue },
      maxSyncRecords: options.maxSyncRecords ?? defaultClusterReplicationOptions.maxSyncRecords,
      renewalReplicationIntervalMs: options.renewalReplicationIntervalMs ?? defaultClusterReplicationOptions.renewalReplicationIntervalMs,
    });
    network.attach(url, cluster);
    engine.start();
    cluster.start();
    const node = { url, engine, cluster };
    nodes[index] = node;
    return node;
  };
  for (let i = 0; i < count; i += 1) startNode(i);
  const run = async (ms: number, stepMs = 10): Promise<void> => {
    for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
      clock.advance(stepMs);
      // Let the promise continuations of delivered messages run before time moves on.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const sim = { clock, network, nodes, run, startNode };
  await run(100);
  return sim;
}

export function digestsAgree(nodes: readonly SimNode[]): boolean {
  const first = JSON.stringify(nodes[0]?.cluster.merge.digest());
  return nodes.every((node) => JSON.stringify(node.cluster.merge.digest()) === first);
}

export function register(node: SimNode, serviceId: string, instanceId: string): void {
  const response = node.engine.registry.execute(RegistryOperation.register, { instances: [instance(serviceId, instanceId)] });
  expect(response.responseStatus.status).toBe('success');
}

