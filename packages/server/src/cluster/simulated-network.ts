import { Paths, type ReplicationBatchRequest, type ReplicationRecordsRequest, type ReplicationSyncRequest } from '@artemis/core';
import type { Scheduler } from '../runtime/scheduler.js';
import type { ClusterReplication } from './cluster-replication.js';
import { ReplicationCallError, type ReplicationTransport } from './replication-transport.js';

/** Delay and loss of the simulated wire. */
export interface SimulatedNetworkOptions {
  /** One-way delay of every message (ms). */
  readonly delayMs: number;
  /** Probability that a request (or its answer) is lost. */
  readonly lossRate: number;
  /** Seed of the loss decisions, so that a run repeats exactly. */
  readonly seed: number;
}

/** A small seeded generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * An in-memory network between in-process nodes for simulations: every message crosses it as
 * JSON after `delayMs` on the shared scheduler, may be lost, and links can be cut. Counts
 * requests and bytes like the HTTP transport does.
 */
export class SimulatedNetwork {
  private readonly nodes = new Map<string, ClusterReplication>();
  private readonly cut = new Set<string>();
  private readonly random: () => number;
  readonly sent = { requests: 0, bytes: 0, lost: 0 };

  constructor(
    private readonly scheduler: Scheduler,
    private options: SimulatedNetworkOptions,
  ) {
    this.random = seededRandom(options.seed);
  }

  /** Changes delay or loss from now on. */
  configure(options: Partial<Omit<SimulatedNetworkOptions, 'seed'>>): void {
    this.options = { ...this.options, ...options };
  }

  /** Attaches a node under its URL. */
  attach(url: string, node: ClusterReplication): void {
    this.nodes.set(url, node);
  }

  /** Removes a node: calls to it fail as to a dead host. */
  detach(url: string): void {
    this.nodes.delete(url);
  }

  /** Cuts the link between two nodes, both ways, until {@link heal}. */
  partition(a: string, b: string): void {
    this.cut.add(`${a} ${b}`);
    this.cut.add(`${b} ${a}`);
  }

  /** Restores every cut link. */
  heal(): void {
    this.cut.clear();
  }

  /** The transport of the node at `from`. */
  transportFor(from: string): ReplicationTransport {
    return { call: (peerUrl, path, body) => this.deliver(from, peerUrl, path, body) };
  }

  private deliver(from: string, to: string, path: string, body: object): Promise<unknown> {
    const text = JSON.stringify(body);
    this.sent.requests += 1;
    this.sent.bytes += text.length;
    return new Promise((resolve, reject) => {
      const lost = this.cut.has(`${from} ${to}`) || this.random() < this.options.lossRate;
      this.scheduler.after(this.options.delayMs * 2, () => {
        const target = this.nodes.get(to);
        if (lost || target === undefined) {
          this.sent.lost += 1;
          reject(new ReplicationCallError(`${to}${path}: unreachable`, false));
          return;
        }
        resolve(JSON.parse(JSON.stringify(this.handle(target, path, JSON.parse(text) as object))) as unknown);
      });
    });
  }

  private handle(node: ClusterReplication, path: string, body: object): object {
    switch (path) {
      case Paths.replication.batch:
        return node.receiveBatch(body as ReplicationBatchRequest);
      case Paths.replication.digest:
        return node.digest();
      case Paths.replication.sync:
        return node.receiveSync(body as ReplicationSyncRequest);
      case Paths.replication.records:
        return node.records(body as ReplicationRecordsRequest);
      case Paths.replication.status:
        return node.status();
      default:
        throw new Error(`no such replication path: ${path}`);
    }
  }
}
