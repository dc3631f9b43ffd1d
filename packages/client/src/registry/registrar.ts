import {
  ErrorCode,
  instanceIdentity,
  instanceKeyOf,
  InstanceStatus,
  isServiceDownStatus,
  isSuccessStatus,
  Limits,
  Paths,
  type FailedInstance,
  type Instance,
  type InstancesResponse,
} from '@artemis/core';
import { ArtemisResponseError, MalformedResponseError } from '../errors.js';
import { asError, type ArtemisClientEvents } from '../events.js';
import type { TypedEmitter } from '../internal/typed-emitter.js';
import type { ClientMetrics } from '../observability.js';
import type { AddressBook } from '../transport/address-book.js';
import type { HttpTransport, WithStatus } from '../transport/http-transport.js';
import type { PushConnection } from '../transport/push-connection.js';

/** One instance this client keeps registered. */
interface Entry {
  instance: Instance;
  /** The status the application asked for; health checks switch between it and `down`. */
  readonly baseStatus: string;
  readonly health: (() => Promise<boolean> | boolean) | null;
}

/** What a {@link Registrar} works with. */
export interface RegistrarDeps {
  readonly transport: HttpTransport;
  readonly book: AddressBook;
  readonly push: PushConnection | null;
  readonly events: TypedEmitter<ArtemisClientEvents>;
  readonly metrics: ClientMetrics;
  readonly heartbeatIntervalMs: number;
  readonly requestTimeoutMs: number;
}

/** Checks the shape of a registry answer. */
export function checkInstancesResponse(body: WithStatus & Record<string, unknown>): InstancesResponse {
  const failed = body['failedInstances'];
  if (failed !== null && failed !== undefined && !Array.isArray(failed)) throw new MalformedResponseError('failedInstances is not a list');
  const list: FailedInstance[] = [];
  for (const item of (failed ?? []) as unknown[]) {
    const record = item as Record<string, unknown> | null;
    if (record === null || typeof record !== 'object' || typeof record['errorCode'] !== 'string' || record['instance'] === null || typeof record['instance'] !== 'object') {
      throw new MalformedResponseError('failedInstances holds a malformed entry');
    }
    list.push(record as unknown as FailedInstance);
  }
  return { responseStatus: body.responseStatus, failedInstances: list.length === 0 ? null : list };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `data-not-found` (lease lost) and `unknown` both mean: register this instance again. */
function needsRegister(failed: FailedInstance): boolean {
  return failed.errorCode === ErrorCode.dataNotFound || failed.errorCode === ErrorCode.unknown;
}

/**
 * Keeps a set of instances registered: registers them over HTTP at once, then renews their
 * leases in batches every heartbeat interval, over socket.io when the push connection is up and
 * over HTTP otherwise. A `data-not-found` answer re-registers the instance on the node that gave
 * it, within the same heartbeat. Health checks flip an instance between its status and `down`.
 */
export class Registrar {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: RegistrarDeps) {}

  /** The instances kept registered. */
  instances(): Instance[] {
    return [...this.entries.values()].map((entry) => entry.instance);
  }

  /** Registers over HTTP, then keeps the instances alive. Throws when a node refuses them. */
  async register(items: readonly { instance: Instance; health: (() => Promise<boolean> | boolean) | null }[]): Promise<void> {
    for (const item of items) {
      this.entries.set(instanceIdentity(instanceKeyOf(item.instance)), { instance: item.instance, baseStatus: item.instance.status ?? InstanceStatus.up, health: item.health });
    }
    this.schedule();
    const instances = items.map((item) => item.instance);
    let node: string | null = null;
    for (const batch of chunks(instances, Limits.maxBatchSize)) {
      const answer = await this.deps.transport.request(this.deps.book, Paths.registry.register, { instances: batch }, checkInstancesResponse);
      node = this.deps.book.current();
      const refused = (answer.failedInstances ?? []).filter((failed) => !needsRegister(failed));
      if (!isSuccessStatus(answer.responseStatus) && refused.length > 0) {
        for (const failed of refused) this.entries.delete(instanceIdentity(instanceKeyOf(failed.instance)));
        const detail = refused.map((failed) => `${String(failed.instance.instanceId)}: ${failed.errorCode} ${failed.errorMessage}`).join('; ');
        throw new ArtemisResponseError(Paths.registry.register, answer.responseStatus.errorCode, detail);
      }
      if (!isSuccessStatus(answer.responseStatus) && answer.failedInstances === null) {
        throw new ArtemisResponseError(Paths.registry.register, answer.responseStatus.errorCode, answer.responseStatus.message);
      }
    }
    this.deps.events.emit('registered', { instances, node });
  }

  /** Stops renewing the instances and unregisters them over HTTP. */
  async unregister(keys: readonly { serviceId: string; instanceId: string; regionId: string }[]): Promise<void> {
    const instances: Instance[] = [];
    for (const key of keys) {
      const identity = instanceIdentity({ serviceId: key.serviceId, instanceId: key.instanceId, regionId: key.regionId });
      const entry = this.entries.get(identity);
      this.entries.delete(identity);
      instances.push(entry?.instance ?? ({ serviceId: key.serviceId, instanceId: key.instanceId, regionId: key.regionId } as Instance));
    }
    for (const batch of chunks(instances, Limits.maxBatchSize)) {
      const answer = await this.deps.transport.request(this.deps.book, Paths.registry.unregister, { instances: batch }, checkInstancesResponse);
      if (!isSuccessStatus(answer.responseStatus)) throw new ArtemisResponseError(Paths.registry.unregister, answer.responseStatus.errorCode, answer.responseStatus.message);
    }
    this.deps.events.emit('unregistered', { instances: keys });
  }

  /** Sends a heartbeat now (after a reconnect to another node: its answer re-registers what it lacks). */
  kick(): void {
    if (this.stopped || this.entries.size === 0) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    void this.tick();
  }

  /** Stops the heartbeat loop and waits for a tick in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
  }

  private schedule(): void {
    if (this.stopped || this.timer !== null || this.ticking !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, this.deps.heartbeatIntervalMs);
  }

  private tick(): Promise<void> {
    if (this.ticking !== null) return this.ticking;
    this.ticking = this.heartbeatAll()
      .catch((error: unknown) => {
        this.deps.events.emit('error', { error: asError(error), context: 'heartbeat' });
      })
      .finally(() => {
        this.ticking = null;
        if (this.entries.size > 0) this.schedule();
      });
    return this.ticking;
  }

  private async heartbeatAll(): Promise<void> {
    const changed = await this.checkHealth();
    if (this.stopped) return;
    if (changed.length > 0) await this.reregister(changed, null, 'health status changed');
    const instances = this.instances();
    for (const batch of chunks(instances, Limits.maxBatchSize)) {
      if (this.stopped) return;
      await this.heartbeatBatch(batch);
    }
  }

  private async heartbeatBatch(batch: Instance[]): Promise<void> {
    const push = this.deps.push;
    const socketNode = push?.url ?? null;
    if (push !== null && socketNode !== null) {
      try {
        const raw = await push.request('heartbeat', { instances: batch }, this.deps.requestTimeoutMs);
        const answer = checkInstancesResponse(this.checkStatus(raw));
        if (!isServiceDownStatus(answer.responseStatus)) {
          this.deps.metrics.heartbeat('socket.io', 'ok');
          await this.afterHeartbeat(answer, socketNode, batch.length, 'socket.io');
          return;
        }
        this.deps.metrics.heartbeat('socket.io', 'service-down');
      } catch (error) {
        this.deps.metrics.heartbeat('socket.io', 'failed');
        this.deps.events.emit('error', { error: asError(error), context: `heartbeat over socket.io to ${socketNode}` });
      }
    }
    const answer = await this.deps.transport.request(this.deps.book, Paths.registry.heartbeat, { instances: batch }, checkInstancesResponse);
    this.deps.metrics.heartbeat('http', 'ok');
    await this.afterHeartbeat(answer, this.deps.book.current(), batch.length, 'http');
  }

  private checkStatus(raw: unknown): WithStatus & Record<string, unknown> {
    const record = raw as Record<string, unknown> | null;
    const status = record?.['responseStatus'] as Record<string, unknown> | undefined;
    if (record === null || typeof record !== 'object' || status === null || typeof status !== 'object' || typeof status['status'] !== 'string') {
      throw new MalformedResponseError('the heartbeat acknowledgement has no responseStatus');
    }
    return record as WithStatus & Record<string, unknown>;
  }

  private async afterHeartbeat(answer: InstancesResponse, node: string, count: number, transport: 'socket.io' | 'http'): Promise<void> {
    const lost = (answer.failedInstances ?? []).filter(needsRegister);
    const mine = lost.map((failed) => this.entries.get(instanceIdentity(instanceKeyOf(failed.instance)))?.instance).filter((instance): instance is Instance => instance !== undefined);
    this.deps.events.emit('heartbeat', { count: count - lost.length, transport, node });
    if (mine.length > 0) await this.reregister(mine, node, 'data-not-found');
  }

  /** Registers again on `node` (where the lease is missing), or through the book when it cannot. */
  private async reregister(instances: Instance[], node: string | null, reason: string): Promise<void> {
    for (const batch of chunks(instances, Limits.maxBatchSize)) {
      let used = node;
      let answer: InstancesResponse;
      try {
        if (node === null) throw new Error('no node named');
        answer = await this.deps.transport.requestNode(node, Paths.registry.register, { instances: batch }, checkInstancesResponse);
      } catch {
        answer = await this.deps.transport.request(this.deps.book, Paths.registry.register, { instances: batch }, checkInstancesResponse);
        used = this.deps.book.current();
      }
      if (!isSuccessStatus(answer.responseStatus)) {
        this.deps.events.emit('error', { error: new ArtemisResponseError(Paths.registry.register, answer.responseStatus.errorCode, answer.responseStatus.message), context: 're-register' });
        continue;
      }
      this.deps.metrics.reregistered(batch.length);
      this.deps.events.emit('reregistered', { instances: batch, node: used ?? '', reason });
    }
  }

  /** Runs the health checks; returns the instances whose status changed. */
  private async checkHealth(): Promise<Instance[]> {
    const checks = [...this.entries.values()].filter((entry) => entry.health !== null);
    if (checks.length === 0) return [];
    const timeoutMs = Math.max(50, Math.floor(this.deps.heartbeatIntervalMs / 2));
    const results = await Promise.all(checks.map((entry) => this.runCheck(entry, timeoutMs)));
    const changed: Instance[] = [];
    checks.forEach((entry, index) => {
      const healthy = results[index] === true;
      const status = healthy ? entry.baseStatus : InstanceStatus.down;
      if (entry.instance.status === status) return;
      entry.instance = { ...entry.instance, status };
      changed.push(entry.instance);
      this.deps.events.emit('health-changed', { instance: entry.instance, status: healthy ? 'up' : 'down' });
    });
    return changed;
  }

  private async runCheck(entry: Entry, timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      return (await Promise.race([Promise.resolve().then(() => (entry.health as () => Promise<boolean> | boolean)()), timeout])) === true;
    } catch (error) {
      this.deps.events.emit('error', { error: asError(error), context: `health check of ${String(entry.instance.instanceId)}` });
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
