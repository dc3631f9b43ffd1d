import { ArtemisError, ErrorCode } from '@artemis/core';
import {
  checkClusterSecret,
  ClusterReplication,
  defaultClusterReplicationOptions,
  HttpReplicationTransport,
  parsePeers,
  type ArtemisEngine,
  type Logger,
  type PeerAddress,
} from '@artemis/server';
import type { ArtemisHttpServer } from '@artemis/web';
import type { NodeConfig } from '../config/node-config.schema.js';

/**
 * Checks the cluster settings before anything starts: peers parse, no node listed twice, a
 * secret when there are peers, and an advertised URL (a node never guesses how peers reach it).
 * Returns the peers, the node itself taken out.
 */
export function checkClusterConfig(config: NodeConfig): PeerAddress[] {
  if (config.cluster.peers === undefined || (Array.isArray(config.cluster.peers) && config.cluster.peers.length === 0) || config.cluster.peers === '') return [];
  if (config.advertisedUrl === undefined) {
    throw new ArtemisError(ErrorCode.badRequest, 'cluster peers are configured but no --advertise-url: give the URL the other nodes reach this node at, as it appears in --peers');
  }
  const peers = parsePeers(config.cluster.peers, config.advertisedUrl);
  checkClusterSecret(peers, config.cluster.secret);
  return peers;
}

/** Starts replication to `peers` once the node listens; null for a lone node. */
export function startCluster(config: NodeConfig, peers: readonly PeerAddress[], engine: ArtemisEngine, http: ArtemisHttpServer, logger: Logger): ClusterReplication | null {
  if (peers.length === 0) return null;
  const secret = config.cluster.secret as string;
  if (config.databaseUrl === undefined) {
    logger.warn('this node keeps management data in its own embedded database: cluster nodes share registrations, not management data (pull-outs, groups, route rules); give every node the same --database-url to share it', {
      event: 'cluster-management-not-shared',
    });
  }
  const c = config.cluster;
  const cluster = new ClusterReplication(engine, {
    ...defaultClusterReplicationOptions,
    peers,
    transport: new HttpReplicationTransport(() => engine.cluster.localNode().url, secret),
    probeIntervalMs: c.probeIntervalMs,
    antiEntropyIntervalMs: c.antiEntropyIntervalMs,
    ownerGraceMs: c.ownerGraceMs,
    requestTimeoutMs: c.requestTimeoutMs,
    renewalReplicationIntervalMs: c.renewalReplicationIntervalMs,
    queue: { ...defaultClusterReplicationOptions.queue, batchDelayMs: c.batchDelayMs, batchSize: c.batchSize, maxItems: c.maxQueueItems },
  });
  http.attachReplication({ cluster, secret });
  cluster.start();
  logger.info(`cluster of ${peers.length + 1} nodes: ${peers.map((peer) => peer.url).join(', ')}`, { event: 'cluster-started', peers: peers.map((peer) => peer.url), incarnation: cluster.incarnation });
  return cluster;
}
