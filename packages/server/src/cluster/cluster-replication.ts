import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import {
  ArtemisError,
  ErrorCode,
  failStatus,
  NodeState,
  Paths,
  REPLICATION_BUCKETS,
  RegistryOperation,
  serviceKeyOf,
  SUCCESS,
  type Instance,
  type ReplicatedItem,
  type ReplicationBatchRequest,
  type ReplicationBatchResponse,
  type ReplicatedKey,
  type ReplicationDigestResponse,
  type ReplicationRecordsRequest,
  type ReplicationRecordsResponse,
  type ReplicationStatusResponse,
  type ReplicationSyncRequest,
} from '@artemis/core';
import type { RegistryService } from '../registry/registry-service.js';
import type { RegistryStore } from '../registry/registry-store.js';
import type { Lease } from '../registry/lease.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { Cancel, Scheduler } from '../runtime/scheduler.js';
import type { ClusterService } from './cluster-service.js';
import { failSpan, inClusterSpan } from './cluster-spans.js';
import { bucketOf, replicaKey } from './instance-buckets.js';
import type { PeerAddress } from './peer-list.js';
import { PeerQueue, defaultPeerQueueOptions, type PeerQueueOptions, type SendOutcome } from './peer-queue.js';
import { peerNodeStatus, type PeerNodeStatus, type PeerState } from './peer-state.js';
import { ReplicaMerge } from './replica-merge.js';
import { ReplicationCallError, type ReplicationTransport } from './replication-transport.js';
import { Tombstones } from './tombstones.js';
import { VersionClock } from './version-clock.js';

/** What replication needs of an engine; `ArtemisEngine` has all of it. */
export interface ReplicationHost {
  readonly store: RegistryStore;
  readonly registry: RegistryService;
  readonly cluster: ClusterService;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly options: { readonly regionId: string; readonly zoneId: string };
}

/** Cluster settings (docs/configuration.md, `cluster.*`). */
export interface ClusterReplicationOptions {
  /** The other nodes; the local one already taken out. */
  readonly peers: readonly PeerAddress[];
  readonly transport: ReplicationTransport;
  /** How often each peer's status is probed (default 2 s). */
  readonly probeIntervalMs: number;
  /** How often anti-entropy compares digests with one peer (default 5 s). */
  readonly antiEntropyIntervalMs: number;
  /** How long a replica lease outlives its TTL once its owner is unreachable (default 10 s). */
  readonly ownerGraceMs: number;
  /** Timeout of one replication request (default 2 s). */
  readonly requestTimeoutMs: number;
  /** Buckets per bootstrap page (default 32 of 256). */
  readonly bootstrapPageBuckets: number;
  /**
   * A client renewal of an instance is replicated at most this often (default 10 s): peers keep
   * a copy alive while its owner is UP anyway, so a renewal only matters if the owner dies, and
   * the owner grace covers this much staleness.
   */
  readonly renewalReplicationIntervalMs: number;
  /** Most local records one anti-entropy exchange sends; the other differing buckets wait for the next round (default 1,500, well under a 1 MiB body). */
  readonly maxSyncRecords: number;
  readonly queue: PeerQueueOptions;
}

/** Cluster defaults. */
export const defaultClusterReplicationOptions: Omit<ClusterReplicationOptions, 'peers' | 'transport'> = {
  probeIntervalMs: 2_000,
  antiEntropyIntervalMs: 5_000,
  ownerGraceMs: 10_000,
  requestTimeoutMs: 2_000,
  bootstrapPageBuckets: 32,
  maxSyncRecords: 1_500,
  renewalReplicationIntervalMs: 10_000,
  queue: defaultPeerQueueOptions,
};

/** Counters of the whole node's replication. */
export interface ReplicationCounters {
  batchesReceived: number;
  itemsApplied: number;
  itemsStale: number;
  itemsInvalid: number;
  antiEntropyRounds: number;
  repairedBuckets: number;
  recordsMerged: number;
  bootstrapRecords: number;
  /** Client renewals not replicated because the instance's last one went out less than `renewalReplicationIntervalMs` ago. */
  renewalsThrottled: number;
  /** Replicated renewals (by key) received for instances this node did not hold in that version. */
  renewalsUnknown: number;
  /** Instances sent whole to a peer that answered their renewal as unknown (per peer: `PeerState.resentWhole`). */
  renewalsResentWhole: number;
}

/** Probe rounds a starting node waits for peers that time out before it comes up alone. */
const MAX_WAIT_ROUNDS_FOR_SLOW_PEERS = 5;

const ALL_BUCKETS: readonly number[] = Array.from({ length: REPLICATION_BUCKETS }, (_, i) => i);

/**
 * The AP cluster (docs/scale.md): replicates client writes to every peer through bounded,
 * coalescing per-peer queues; probes peers; bootstraps a starting node from an UP peer; and
 * repairs whatever replication missed by anti-entropy over bucket digests.
 *
 * @example
 * ```ts
 * const cluster = new ClusterReplication(engine, { ...defaultClusterReplicationOptions, peers, transport });
 * cluster.start(); // STARTING -> bootstrap -> UP
 * ```
 */
export class ClusterReplication {
  readonly incarnation = randomUUID();
  readonly counters: ReplicationCounters = { batchesReceived: 0, itemsApplied: 0, itemsStale: 0, itemsInvalid: 0, antiEntropyRounds: 0, repairedBuckets: 0, recordsMerged: 0, bootstrapRecords: 0, renewalsThrottled: 0, renewalsUnknown: 0, renewalsResentWhole: 0 };
  private readonly peers: PeerState[];
  private readonly versions: VersionClock;
  private readonly tombstones = new Tombstones();
  readonly merge: ReplicaMerge;
  private timers: Cancel[] = [];
  private nextPeer = 0;
  private probing = false;
  private syncing = false;
  private bootstrapped = false;
  private bootstrapRounds = 0;
  private stopped = false;

  constructor(
    private readonly host: ReplicationHost,
    private readonly options: ClusterReplicationOptions,
  ) {
    this.versions = new VersionClock(host.clock);
    this.merge = new ReplicaMerge(host.store, host.clock, this.versions, this.tombstones, () => this.selfUrl(), host.options.regionId);
    this.peers = options.peers.map((address) => {
      const peer: PeerState = {
        address,
        queue: new PeerQueue(host.scheduler, () => host.clock.now(), options.queue, (items) => this.sendBatch(peer, items)),
        state: 'unknown',
        lastContact: null,
        incarnation: null,
        error: null,
        timedOut: false,
        reported: null,
        needsSync: true,
        syncRounds: 0,
        repairedBuckets: 0,
        renewalsUnknown: 0,
        resentWhole: 0,
      };
      return peer;
    });
  }

  /** This node's advertised URL, as peers know it. */
  selfUrl(): string {
    return this.host.cluster.localNode().url;
  }

  /** The peers and what is known of them. */
  peerStates(): readonly PeerState[] {
    return this.peers;
  }

  /** True once a starting node has bootstrapped (or found itself alone). */
  get isBootstrapped(): boolean {
    return this.bootstrapped;
  }

  /**
   * Hooks into the engine and starts probing. With peers, the node is STARTING (no registry
   * or discovery) until it has pulled the registry from an UP peer or found none after one
   * probe round.
   */
  start(): void {
    const { registry, store, cluster, scheduler } = this.host;
    registry.setWriteObserver({ renewed: (lease) => this.onClientRenewal(lease), written: (operation, instance) => this.onClientWrite(operation, instance) });
    store.setExpiryPolicy({ keep: (lease, now) => this.keepReplica(lease, now), expired: (lease) => this.onExpired(lease) });
    cluster.setPeerView(() => this.peers.map((peer) => peerNodeStatus(peer, this.host.options.regionId, this.options.transport.sentTo?.(peer.address.url))));
    if (this.peers.length === 0) {
      this.bootstrapped = true;
      return;
    }
    cluster.setState(NodeState.starting);
    this.timers.push(
      scheduler.every(this.options.probeIntervalMs, () => void this.probeAll()),
      scheduler.every(this.options.antiEntropyIntervalMs, () => void this.antiEntropyRound()),
    );
    void this.probeAll();
  }

  /** Stops timers and queues; unhooks from the engine. */
  stop(): void {
    this.stopped = true;
    for (const cancel of this.timers) cancel();
    this.timers = [];
    for (const peer of this.peers) peer.queue.close();
    this.options.transport.close?.();
    this.host.registry.setWriteObserver(null);
    this.host.store.setExpiryPolicy(null);
  }

  // --- sending side -------------------------------------------------------------------------

  /**
   * Runs for every client renewal, on the client's request path: the bulk of all writes. Most
   * are throttled by `renewalReplicationIntervalMs`, and that path reads two fields of the
   * lease the registry hands over: no look-up, no key, no item.
   */
  private onClientRenewal(lease: Lease): void {
    const now = this.host.clock.now();
    // A heartbeat that moves the lease to this node (its owner was a peer) is a new version.
    if (lease.owner !== '' || lease.version === 0) {
      this.replicateWritten(lease, 'heartbeat', now);
      return;
    }
    if (now - lease.replicatedAt < this.options.renewalReplicationIntervalMs) {
      this.counters.renewalsThrottled += 1;
      return;
    }
    lease.replicatedAt = now;
    // The peers got this version whole when it was written: the key renews it (a peer that
    // lacks it says so, and gets the instance: see sendBatch).
    const { serviceId, instanceId } = lease.instance;
    this.enqueue(replicaKey(lease.serviceKey, lease.instanceKey), { op: 'renew', serviceId: serviceId as string, instanceId: instanceId as string, version: lease.version });
  }

  /** Runs for every client register and unregister that succeeded, on the client's request path. */
  private onClientWrite(operation: RegistryOperation, instance: Instance): void {
    const serviceId = instance.serviceId as string;
    const instanceId = instance.instanceId as string;
    if (operation === RegistryOperation.unregister) {
      const key = replicaKey(serviceKeyOf(serviceId), instanceId.toLowerCase());
      const version = this.versions.next();
      this.tombstones.add(key, version);
      this.enqueue(key, { op: 'unregister', instance, version, owner: this.selfUrl() });
      return;
    }
    const lease = this.host.store.lease(serviceId, instanceId);
    if (lease !== undefined) this.replicateWritten(lease, 'register', this.host.clock.now());
  }

  /** A register, or a renewal that moved the lease to this node: a new version, sent whole. */
  private replicateWritten(lease: Lease, op: 'register' | 'heartbeat', now: number): void {
    // The lease's keys are lowercased already.
    const key = replicaKey(lease.serviceKey, lease.instanceKey);
    lease.owner = '';
    lease.version = this.versions.next();
    lease.replicatedAt = now;
    this.tombstones.clear(key);
    this.enqueue(key, { op, instance: lease.instance, version: lease.version, owner: this.selfUrl() });
  }

  private enqueue(key: string, item: ReplicatedItem): void {
    for (const peer of this.peers) {
      if (peer.state === 'rejected') continue;
      peer.queue.offer(key, item);
    }
  }

  private sendBatch(peer: PeerState, items: ReplicatedItem[]): Promise<SendOutcome> {
    const url = peer.address.url;
    const body: ReplicationBatchRequest = { from: this.selfUrl(), incarnation: this.incarnation, items };
    return inClusterSpan('artemis.replication.batch', { 'artemis.peer': url, 'artemis.replication.items': items.length }, async (span) => {
      try {
        const answer = (await this.options.transport.call(url, Paths.replication.batch, body, this.options.requestTimeoutMs)) as ReplicationBatchResponse;
        this.resendWhole(peer, answer.unknown ?? []);
        span.setAttribute('artemis.replication.outcome', 'ok');
        return 'ok';
      } catch (error) {
        const permanent = error instanceof ReplicationCallError && error.permanent;
        this.host.logger.debug('replication batch failed', { event: 'replication-failed', peer: url, items: items.length, permanent, error: (error as Error).message });
        span.setAttribute('artemis.replication.outcome', permanent ? 'permanent' : 'retry');
        failSpan(span, (error as Error).message);
        return permanent ? 'permanent' : 'retry';
      }
    });
  }

  /**
   * The peer did not hold these renewed instances in the version renewed (it restarted, or
   * missed a change): it gets each one whole, if this node still owns it.
   */
  private resendWhole(peer: PeerState, keys: readonly ReplicatedKey[]): void {
    peer.renewalsUnknown += keys.length;
    for (const { serviceId, instanceId } of keys) {
      const lease = this.host.store.lease(serviceId, instanceId);
      if (lease === undefined || lease.owner !== '') continue;
      this.counters.renewalsResentWhole += 1;
      peer.resentWhole += 1;
      peer.queue.offer(replicaKey(lease.serviceKey, lease.instanceKey), { op: 'heartbeat', instance: lease.instance, version: lease.version, owner: this.selfUrl() });
    }
  }

  /** A replica lease whose owner is alive is the owner's to expire; otherwise it gets a grace period. */
  private keepReplica(lease: Lease, now: number): boolean {
    if (lease.owner === '') return false;
    const owner = this.peerByUrl(lease.owner);
    if (owner !== undefined && owner.state === NodeState.up) return true;
    return now <= lease.expiresAt + this.options.ownerGraceMs;
  }

  private onExpired(lease: Lease): void {
    if (lease.owner !== '') return;
    const key = replicaKey(lease.serviceKey, lease.instanceKey);
    const version = this.versions.next();
    this.tombstones.add(key, version);
    this.enqueue(key, { op: 'unregister', instance: lease.instance, version, owner: this.selfUrl() });
  }

  // --- receiving side -----------------------------------------------------------------------

  /** Applies a batch from a peer; a replicated write is never replicated again. */
  receiveBatch(request: ReplicationBatchRequest): ReplicationBatchResponse {
    this.counters.batchesReceived += 1;
    this.notePeer(request.from, request.incarnation);
    let applied = 0;
    let stale = 0;
    let invalid = 0;
    const unknown: ReplicatedKey[] = [];
    for (const item of request.items) {
      const outcome = this.merge.applyItem(item, request.from);
      if (outcome === 'applied') applied += 1;
      else if (outcome === 'stale') stale += 1;
      else if (outcome === 'unknown' && item.op === 'renew') unknown.push({ serviceId: item.serviceId, instanceId: item.instanceId });
      else invalid += 1;
    }
    this.counters.itemsApplied += applied;
    this.counters.itemsStale += stale;
    this.counters.itemsInvalid += invalid;
    this.counters.renewalsUnknown += unknown.length;
    return { applied, stale, invalid, unknown, responseStatus: SUCCESS };
  }

  /** The local digest. */
  digest(): ReplicationDigestResponse {
    return { from: this.selfUrl(), incarnation: this.incarnation, buckets: this.merge.digest(), count: this.host.store.size, responseStatus: SUCCESS };
  }

  /** The other half of a peer's anti-entropy round: merge its records, answer with ours. */
  receiveSync(request: ReplicationSyncRequest): ReplicationRecordsResponse {
    const buckets = new Set(request.buckets);
    const asOf = this.versions.current;
    const records = this.merge.records(buckets);
    this.mergeFrom(request.from, buckets, request.records, request.asOf);
    return { records, asOf, responseStatus: SUCCESS };
  }

  /** A page of records, for a bootstrapping peer. */
  records(request: ReplicationRecordsRequest): ReplicationRecordsResponse {
    const asOf = this.versions.current;
    return { records: this.merge.records(new Set(request.buckets)), asOf, responseStatus: SUCCESS };
  }

  /** What a peer's probe learns. */
  status(): ReplicationStatusResponse {
    return {
      url: this.selfUrl(),
      incarnation: this.incarnation,
      regionId: this.host.options.regionId,
      zoneId: this.host.options.zoneId,
      instances: this.host.store.size,
      nodeStatus: this.host.cluster.localStatus(),
      responseStatus: SUCCESS,
    };
  }

  /** A refusal in the protocol's shape. */
  static refused(errorCode: ErrorCode, message: string): { responseStatus: ReturnType<typeof failStatus> } {
    return { responseStatus: failStatus(errorCode, message) };
  }

  /**
   * The peer a node URL names: the URL it advertises (learnt by probing), else the configured
   * one; the two differ when a proxy or a load balancer sits on the link.
   */
  private peerByUrl(url: string): PeerState | undefined {
    return this.peers.find((peer) => (peer.reported?.url ?? peer.address.url) === url) ?? this.peers.find((peer) => peer.address.url === url);
  }

  private notePeer(from: string, incarnation: string): void {
    const peer = this.peerByUrl(from);
    if (peer !== undefined && peer.incarnation !== null && peer.incarnation !== incarnation) {
      peer.incarnation = incarnation;
      peer.needsSync = true;
    }
  }

  private mergeFrom(from: string, buckets: ReadonlySet<number>, records: readonly { instance: Instance; version: number; owner: string; renewedAgoMs: number }[], asOf: number): number {
    const present = new Set<string>();
    let merged = 0;
    for (const record of records) {
      if (this.merge.mergeRecord(record)) merged += 1;
      if (record.instance.serviceId !== null && record.instance.instanceId !== null) {
        present.add(replicaKey(serviceKeyOf(record.instance.serviceId), record.instance.instanceId.toLowerCase()));
      }
    }
    merged += this.merge.dropOwnedMissing(from, buckets, present, asOf);
    this.counters.recordsMerged += merged;
    return merged;
  }

  // --- membership, bootstrap, anti-entropy ----------------------------------------------------

  /** Probes every peer once, concurrently; a starting node then bootstraps. */
  async probeAll(): Promise<void> {
    if (this.probing || this.stopped) return;
    this.probing = true;
    try {
      await Promise.all(this.peers.map((peer) => this.probe(peer)));
      if (!this.bootstrapped && !this.stopped) await this.bootstrap();
    } finally {
      this.probing = false;
    }
  }

  private async probe(peer: PeerState): Promise<void> {
    try {
      const answer = (await this.options.transport.call(peer.address.url, Paths.replication.status, {}, this.options.requestTimeoutMs)) as ReplicationStatusResponse;
      peer.lastContact = this.host.clock.now();
      peer.reported = answer;
      peer.error = null;
      peer.timedOut = false;
      if (answer.regionId?.toLowerCase() !== this.host.options.regionId.toLowerCase()) {
        if (peer.state !== 'rejected') this.host.logger.error(`peer ${peer.address.url} serves region ${answer.regionId}, not ${this.host.options.regionId}; not replicating to it`, { event: 'peer-rejected', peer: peer.address.url });
        peer.state = 'rejected';
        peer.error = `peer serves region ${answer.regionId}`;
        peer.queue.close();
        return;
      }
      if (peer.incarnation !== null && peer.incarnation !== answer.incarnation) {
        this.host.logger.info(`peer ${peer.address.url} restarted`, { event: 'peer-restarted', peer: peer.address.url });
        peer.needsSync = true;
      }
      // A peer seen again after a partition missed writes that no queue may still hold.
      if (peer.state === 'unreachable') peer.needsSync = true;
      peer.incarnation = answer.incarnation;
      const state = answer.nodeStatus.status as NodeState;
      if (peer.state !== state) this.host.logger.info(`peer ${peer.address.url} is ${state}`, { event: 'peer-state', peer: peer.address.url, state });
      peer.state = state;
    } catch (error) {
      if (peer.state === 'rejected') return;
      if (peer.state !== 'unreachable') this.host.logger.warn(`peer ${peer.address.url} is unreachable: ${(error as Error).message}`, { event: 'peer-state', peer: peer.address.url, state: 'unreachable' });
      peer.state = 'unreachable';
      peer.error = (error as Error).message;
      peer.timedOut = error instanceof ReplicationCallError && error.timedOut;
    }
  }

  /** Pulls the registry, page by page, from the first UP peer that answers; alone, comes UP at once. */
  private bootstrap(): Promise<void> {
    const candidates = this.peers.filter((peer) => peer.state === NodeState.up);
    return inClusterSpan('artemis.cluster.bootstrap', { 'artemis.cluster.candidates': candidates.length }, (span) => this.bootstrapFrom(candidates, span));
  }

  private async bootstrapFrom(candidates: readonly PeerState[], span: Span): Promise<void> {
    for (const peer of candidates) {
      try {
        let copied = 0;
        for (let first = 0; first < REPLICATION_BUCKETS; first += this.options.bootstrapPageBuckets) {
          const buckets = ALL_BUCKETS.slice(first, first + this.options.bootstrapPageBuckets);
          const answer = (await this.options.transport.call(peer.address.url, Paths.replication.records, { from: this.selfUrl(), buckets }, this.options.requestTimeoutMs * 5)) as ReplicationRecordsResponse;
          for (const record of answer.records) if (this.merge.mergeRecord(record)) copied += 1;
        }
        this.counters.bootstrapRecords += copied;
        peer.needsSync = false;
        this.host.logger.info(`bootstrapped ${copied} instances from ${peer.address.url}`, { event: 'bootstrapped', peer: peer.address.url, instances: copied });
        span.setAttributes({ 'artemis.peer': peer.address.url, 'artemis.cluster.instances': copied });
        this.comeUp();
        return;
      } catch (error) {
        this.host.logger.warn(`bootstrap from ${peer.address.url} failed: ${(error as Error).message}`, { event: 'bootstrap-failed', peer: peer.address.url });
        span.addEvent('bootstrap-failed', { 'artemis.peer': peer.address.url, 'exception.message': (error as Error).message });
      }
    }
    if (candidates.length === 0) {
      // A peer that timed out may be UP and only slow: coming up empty beside it would serve a
      // partial registry, so wait a few rounds for it before going alone.
      this.bootstrapRounds += 1;
      const slow = this.peers.filter((peer) => peer.timedOut);
      if (slow.length > 0 && this.bootstrapRounds < MAX_WAIT_ROUNDS_FOR_SLOW_PEERS) {
        span.setAttribute('artemis.cluster.waiting', true);
        this.host.logger.info(`waiting for slow peers before coming up: ${slow.map((peer) => peer.address.url).join(', ')}`, { event: 'bootstrap-waiting' });
        return;
      }
      this.host.logger.info('no peer is up; coming up alone', { event: 'bootstrapped', peer: null, instances: 0 });
      span.setAttribute('artemis.cluster.instances', 0);
      this.comeUp();
      return;
    }
    if (!this.bootstrapped) failSpan(span, 'no peer could be bootstrapped from');
  }

  private comeUp(): void {
    this.bootstrapped = true;
    if (this.host.cluster.currentState() === NodeState.starting) this.host.cluster.setState(NodeState.up);
  }

  /**
   * One anti-entropy round with one peer (a peer that restarted or was left dirty first, else
   * the next in turn): compare digests, then exchange the records of the buckets that differ.
   */
  async antiEntropyRound(): Promise<number> {
    if (this.syncing || this.stopped || !this.bootstrapped) return 0;
    const reachable = this.peers.filter((peer) => peer.state === NodeState.up || peer.state === NodeState.starting);
    if (reachable.length === 0) return 0;
    const peer = reachable.find((p) => p.needsSync || p.queue.stats.dirty) ?? (reachable[this.nextPeer++ % reachable.length] as PeerState);
    // Digests differ while a busy queue drains; comparing them then only moves records twice.
    if (!peer.needsSync && !peer.queue.stats.dirty && peer.queue.stats.depth > this.options.queue.batchSize) return 0;
    this.syncing = true;
    try {
      return await inClusterSpan('artemis.cluster.anti_entropy', { 'artemis.peer': peer.address.url }, async (span) => {
        const differing = await this.syncWith(peer);
        span.setAttribute('artemis.cluster.differing_buckets', differing);
        return differing;
      });
    } catch (error) {
      this.host.logger.debug('anti-entropy round failed', { event: 'anti-entropy-failed', peer: peer.address.url, error: (error as Error).message });
      return 0;
    } finally {
      this.syncing = false;
    }
  }

  /**
   * The differing buckets one exchange can carry: taken from a random start, so that a large
   * difference is worked through over rounds, until about `maxSyncRecords` local records.
   */
  private boundedRecords(differing: readonly number[]): { buckets: Set<number>; records: ReturnType<ReplicaMerge['records']> } {
    const all = this.merge.records(new Set(differing));
    if (all.length <= this.options.maxSyncRecords) return { buckets: new Set(differing), records: all };
    const byBucket = new Map<number, typeof all>();
    for (const record of all) {
      const bucket = bucketOf(replicaKey(serviceKeyOf(record.instance.serviceId as string), (record.instance.instanceId as string).toLowerCase()));
      let list = byBucket.get(bucket);
      if (list === undefined) byBucket.set(bucket, (list = []));
      list.push(record);
    }
    const buckets = new Set<number>();
    const records: typeof all = [];
    const start = Math.floor(Math.random() * differing.length);
    for (let i = 0; i < differing.length; i += 1) {
      const bucket = differing[(start + i) % differing.length] as number;
      const list = byBucket.get(bucket) ?? [];
      if (buckets.size > 0 && records.length + list.length > this.options.maxSyncRecords) break;
      buckets.add(bucket);
      records.push(...list);
    }
    return { buckets, records };
  }

  /** Runs one round with the peer at `url` now; resolves with the number of differing buckets. */
  async syncWith(peer: PeerState): Promise<number> {
    const overflowsBefore = peer.queue.stats.overflowed;
    const answer = (await this.options.transport.call(peer.address.url, Paths.replication.digest, { from: this.selfUrl() }, this.options.requestTimeoutMs)) as ReplicationDigestResponse;
    const local = this.merge.digest();
    const differing: number[] = [];
    for (let i = 0; i < REPLICATION_BUCKETS; i += 1) if (local[i] !== answer.buckets[i]) differing.push(i);
    this.counters.antiEntropyRounds += 1;
    peer.syncRounds += 1;
    if (differing.length > 0) {
      const asOf = this.versions.current;
      const { buckets, records } = this.boundedRecords(differing);
      const body: ReplicationSyncRequest = { from: this.selfUrl(), buckets: [...buckets], records, asOf };
      const reply = (await this.options.transport.call(peer.address.url, Paths.replication.sync, body, this.options.requestTimeoutMs * 5)) as ReplicationRecordsResponse;
      this.mergeFrom(answer.from, buckets, reply.records, reply.asOf);
      this.counters.repairedBuckets += buckets.size;
      peer.repairedBuckets += buckets.size;
      // Buckets left for later keep the peer first in line.
      if (buckets.size < differing.length) {
        peer.needsSync = true;
        return differing.length;
      }
    }
    peer.needsSync = false;
    // Overflow during the round leaves the mark: the next round repairs again.
    if (peer.queue.stats.overflowed === overflowsBefore) peer.queue.markClean();
    return differing.length;
  }
}

/** A node with peers must have a secret; says why not otherwise. */
export function checkClusterSecret(peers: readonly PeerAddress[], secret: string | undefined): void {
  if (peers.length > 0 && (secret === undefined || secret.length < 16)) {
    throw new ArtemisError(
      ErrorCode.badRequest,
      secret === undefined
        ? 'cluster peers are configured but no cluster secret: give --cluster-secret (or ARTEMIS_CLUSTER__SECRET), the same on every node'
        : 'the cluster secret must be at least 16 characters',
    );
  }
}

export type { PeerNodeStatus };
