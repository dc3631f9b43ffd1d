import { ChangeType, ErrorCode, isSuccessStatus, Limits, Paths, serviceKeyOf, type ChangePush, type InstanceChange, type Service } from '@artemis/core';
import { MalformedResponseError } from '../errors.js';
import { asError, type ArtemisClientEvents } from '../events.js';
import type { TypedEmitter } from '../internal/typed-emitter.js';
import type { ClientMetrics } from '../observability.js';
import type { AddressBook } from '../transport/address-book.js';
import type { HttpTransport, WithStatus } from '../transport/http-transport.js';
import type { PushConnection } from '../transport/push-connection.js';
import type { DiskSnapshot } from './disk-snapshot.js';
import { ServiceView, type ServiceFeed, type ServiceViewOptions } from './service-view.js';
import { checkService } from './wire-check.js';

/** What a {@link Discovery} works with. */
export interface DiscoveryDeps {
  readonly transport: HttpTransport;
  readonly book: AddressBook;
  readonly push: PushConnection | null;
  readonly events: TypedEmitter<ArtemisClientEvents>;
  readonly metrics: ClientMetrics;
  readonly snapshot: DiskSnapshot | null;
  readonly deployment: { readonly regionId: string; readonly zoneId: string };
  readonly pollIntervalMs: number;
  readonly requestTimeoutMs: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function isChange(value: unknown): value is InstanceChange {
  const record = value as Record<string, unknown> | null;
  return record !== null && typeof record === 'object' && typeof record['changeType'] === 'string' && record['instance'] !== null && typeof record['instance'] === 'object';
}

/**
 * Feeds the service views: first reads over HTTP (`lookup.json`), then socket.io push with
 * resume by version (same node) or a fresh subscription and a re-read (another node, or a
 * version the node no longer holds: it answers with `reload`); delta polling
 * (`services-delta.json`) while push is unavailable. Pushes that arrive while a read is in
 * flight are kept and applied again after it, so a slow read never undoes a newer change.
 */
export class Discovery implements ServiceFeed {
  readonly deployment: { readonly regionId: string; readonly zoneId: string };
  private readonly views = new Map<string, ServiceView>();
  private readonly inFlight = new Map<string, ChangePush[]>();
  private readonly confirmTimers = new Map<string, NodeJS.Timeout>();
  private pushVersion: number | null = null;
  private pushVersionNode: string | null = null;
  private subscribedLive = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private pollVersion: number | null = null;
  private pollNode: string | null = null;
  private snapshotData: Promise<Map<string, Service>> | null = null;
  private stopped = false;
  /** When push went down; polling starts once it has been down for a poll interval. */
  private downSince: number | null = null;

  constructor(private readonly deps: DiscoveryDeps) {
    this.deployment = deps.deployment;
    this.snapshotData = deps.snapshot?.load() ?? null;
    deps.push?.on('connected', ({ url }) => void this.onConnected(url));
    deps.push?.on('disconnected', () => {
      if (this.subscribedLive || this.downSince === null) this.downSince = performance.now();
      this.subscribedLive = false;
    });
    deps.push?.on('change', (push) => this.onPush(push));
    this.schedulePoll();
  }

  /** The view of `serviceId`, created (and read) on first use. */
  view(serviceId: string, options: ServiceViewOptions): ServiceView {
    const key = serviceKeyOf(serviceId);
    const known = this.views.get(key);
    if (known !== undefined) return known;
    const view = new ServiceView(serviceId, options, this, (error) => this.deps.events.emit('error', { error: asError(error), context: `a 'change' listener of ${serviceId} threw` }));
    this.views.set(key, view);
    void this.startView(key);
    return view;
  }

  /** Every view. */
  all(): ServiceView[] {
    return [...this.views.values()];
  }

  isLive(): boolean {
    return this.subscribedLive && (this.deps.push?.connected ?? false);
  }

  requestRead(serviceKey: string, delayMs: number): void {
    if (this.stopped || this.confirmTimers.has(serviceKey)) return;
    const timer = setTimeout(() => {
      this.confirmTimers.delete(serviceKey);
      void this.read([serviceKey]);
    }, delayMs);
    timer.unref();
    this.confirmTimers.set(serviceKey, timer);
  }

  changed(): void {
    this.deps.snapshot?.schedule(() => this.all().filter((view) => view.isReady).map((view) => view.snapshot()));
  }

  /** Stops polling and timers, writes the snapshot. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    for (const timer of this.confirmTimers.values()) clearTimeout(timer);
    this.confirmTimers.clear();
    await this.deps.snapshot?.flush();
    for (const view of this.views.values()) view.dispose();
  }

  private async startView(key: string): Promise<void> {
    if (this.deps.push?.connected === true) await this.subscribe([key], null);
    const read = this.read([key]);
    // While the first read is out, a snapshot on disk serves (every node may be down).
    const snapshot = await this.snapshotData;
    const saved = snapshot?.get(key);
    if (saved !== undefined) this.views.get(key)?.applyService(saved, 'snapshot');
    await read;
  }

  private async onConnected(url: string): Promise<void> {
    const keys = [...this.views.keys()];
    const resume = this.pushVersion !== null && this.pushVersionNode === url;
    if (keys.length === 0) {
      this.subscribedLive = true;
      return;
    }
    const ok = await this.subscribe(keys, resume ? this.pushVersion : null);
    // Another node (or a first connection): its versions mean nothing to us, read everything.
    if (ok && !resume) await this.read(keys);
  }

  private async subscribe(keys: string[], sinceVersion: number | null): Promise<boolean> {
    const push = this.deps.push;
    if (push === null) return false;
    const url = push.url;
    try {
      for (const batch of chunks(keys, Limits.maxLookupSize)) {
        const reply = (await push.request('subscribe', { serviceIds: batch, discoveryConfigs: null, all: false, sinceVersion }, this.deps.requestTimeoutMs)) as { responseStatus?: unknown; version?: unknown } | null;
        if (reply === null || typeof reply !== 'object' || !isSuccessStatus(reply.responseStatus as never) || typeof reply.version !== 'number') {
          throw new MalformedResponseError('the subscribe acknowledgement is not a success');
        }
        if (this.pushVersionNode !== url || this.pushVersion === null || reply.version > this.pushVersion) this.pushVersion = reply.version;
        this.pushVersionNode = url;
      }
      this.subscribedLive = true;
      this.downSince = null;
      for (const key of keys) this.views.get(key)?.touch();
      return true;
    } catch (error) {
      this.deps.events.emit('error', { error: asError(error), context: 'subscribe' });
      push.drop('subscribe failed');
      return false;
    }
  }

  private onPush(push: ChangePush): void {
    if (push === null || typeof push !== 'object' || typeof push.serviceId !== 'string' || typeof push.version !== 'number' || !isChange(push.change)) {
      this.deps.events.emit('error', { error: new MalformedResponseError('a malformed push was ignored'), context: 'push' });
      return;
    }
    const key = serviceKeyOf(push.serviceId);
    const view = this.views.get(key);
    this.deps.metrics.push(push.change.changeType);
    if (push.change.changeType === ChangeType.reload) {
      if (view !== undefined) void this.read([key]);
    } else {
      // Already seen on this node's log: a duplicate.
      if (this.pushVersion !== null && push.version <= this.pushVersion && this.pushVersionNode === this.deps.push?.url) return;
      this.inFlight.get(key)?.push(push);
      view?.applyChange(push.change);
    }
    if (this.pushVersion === null || push.version > this.pushVersion) this.pushVersion = push.version;
  }

  /** Reads services over HTTP and replaces their views (through the empty protection). */
  private async read(keys: string[]): Promise<void> {
    const wanted = keys.filter((key) => this.views.has(key));
    if (wanted.length === 0 || this.stopped) return;
    for (const key of wanted) if (!this.inFlight.has(key)) this.inFlight.set(key, []);
    try {
      for (const batch of chunks(wanted, Limits.maxLookupSize)) {
        const body = {
          discoveryConfigs: batch.map((key) => ({ serviceId: this.views.get(key)?.serviceId ?? key, regionId: this.deployment.regionId, zoneId: this.deployment.zoneId, discoveryData: null })),
          regionId: this.deployment.regionId,
          zoneId: this.deployment.zoneId,
        };
        const answer = await this.deps.transport.request(this.deps.book, Paths.discovery.lookup, body, (raw) => this.checkLookup(raw, batch));
        answer.services.forEach((service, index) => {
          const key = batch[index] as string;
          const view = this.views.get(key);
          if (view === undefined) return;
          view.applyService(service, 'server');
          for (const push of this.inFlight.get(key) ?? []) view.applyChange(push.change);
        });
      }
    } catch (error) {
      if (!this.stopped) this.deps.events.emit('error', { error: asError(error), context: `read of ${wanted.join(', ')}` });
      // Keep the last good data; try again at the next poll.
      for (const key of wanted) this.retry.add(key);
    } finally {
      for (const key of wanted) this.inFlight.delete(key);
    }
  }

  private readonly retry = new Set<string>();

  private checkLookup(raw: WithStatus & Record<string, unknown>, batch: string[]): WithStatus & { services: Service[] } {
    if (!isSuccessStatus(raw.responseStatus)) return { responseStatus: raw.responseStatus, services: [] };
    const services = raw['services'];
    if (!Array.isArray(services) || services.length !== batch.length) throw new MalformedResponseError('lookup answered a different number of services than asked');
    return { responseStatus: raw.responseStatus, services: services.map((service, index) => checkService(service, batch[index] as string)) };
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => void this.poll().finally(() => this.schedulePoll()), this.deps.pollIntervalMs);
    this.pollTimer.unref();
  }

  /** While push is down: retries failed reads, then applies `services-delta.json` since the last version. */
  private async poll(): Promise<void> {
    if (this.views.size === 0) return;
    if (this.retry.size > 0) {
      const keys = [...this.retry];
      this.retry.clear();
      await this.read(keys);
    }
    if (this.isLive()) return;
    // A reconnect usually resumes within moments; poll only when push stays away.
    if (this.deps.push !== null && this.downSince !== null && performance.now() - this.downSince < this.deps.pollIntervalMs) return;
    try {
      const node = this.deps.book.current();
      if (this.pollVersion === null || this.pollNode !== node) {
        const base = await this.deps.transport.request(this.deps.book, Paths.discovery.services, { regionId: this.deployment.regionId, zoneId: this.deployment.zoneId }, (raw) => raw);
        if (!isSuccessStatus(base.responseStatus) || typeof base['version'] !== 'number') return;
        this.pollVersion = base['version'];
        this.pollNode = this.deps.book.current();
        await this.read([...this.views.keys()]);
        return;
      }
      const answer = await this.deps.transport.request(this.deps.book, Paths.discovery.servicesDelta, { regionId: this.deployment.regionId, zoneId: this.deployment.zoneId, version: this.pollVersion }, (raw) => raw);
      if (answer.responseStatus.errorCode === ErrorCode.dataNotFound || this.deps.book.current() !== this.pollNode) {
        this.pollVersion = null;
        return;
      }
      if (!isSuccessStatus(answer.responseStatus) || typeof answer['version'] !== 'number') return;
      const delta = answer['delta'];
      if (delta !== null && typeof delta === 'object' && !Array.isArray(delta)) {
        for (const [serviceId, changes] of Object.entries(delta as Record<string, unknown>)) {
          const key = serviceKeyOf(serviceId);
          const view = this.views.get(key);
          if (view === undefined || !Array.isArray(changes)) continue;
          for (const change of changes) {
            if (!isChange(change)) continue;
            if (change.changeType === ChangeType.reload) void this.read([key]);
            else view.applyChange(change);
          }
        }
      }
      for (const view of this.views.values()) view.touch();
      this.pollVersion = answer['version'];
    } catch (error) {
      this.deps.events.emit('error', { error: asError(error), context: 'delta poll' });
    }
  }
}
