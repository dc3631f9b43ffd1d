import {
  ErrorCode,
  failStatus,
  isBlank,
  partialFailStatus,
  RATE_LIMITED,
  RegistryOperation,
  SUCCESS,
  type FailedInstance,
  type HeartbeatKey,
  type Instance,
  type InstanceKeyBatch,
  type InstancesRequest,
  type InstancesResponse,
} from '@artemis/core';
import type { ClusterService } from '../cluster/cluster-service.js';
import type { ZonePolicy } from '../cluster/zone-policy.js';
import { noopEngineObserver, type EngineObserver } from '../observability/engine-observer.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { checkInstance, failed } from './instance-checks.js';
import type { RegistryStore, ServiceRecord } from './registry-store.js';
import type { Lease } from './lease.js';
import { HeartbeatPlans, type HeartbeatPlan } from './heartbeat-plans.js';

/** Told of each client write that succeeded; replicated writes never reach it. */
export interface WriteObserver {
  /**
   * A client's heartbeat renewed this lease. The lease itself is handed over, not the
   * heartbeat's instance: renewals are the bulk of all writes, and the observer (the cluster)
   * would otherwise look the lease up a second time for each one.
   */
  renewed(lease: Lease): void;
  /** A client's register or unregister of this instance succeeded. */
  written(operation: RegistryOperation, instance: Instance): void;
}

/**
 * The answer of every batch that fully succeeded: one shared, frozen object, so that a
 * transport can serialise it once (see `sharedAnswer` in @artemis/web) rather than per request.
 */
export const REGISTRY_SUCCESS: InstancesResponse = Object.freeze({ failedInstances: null, responseStatus: SUCCESS });

/** The message of the answer to a batch without instances. */
const EMPTY_BATCH_MESSAGE = 'request.instances is null or empty.';

/** Failures named in a partial_fail message before it says "and N more". */
const SUMMARISED_FAILURES = 3;

/**
 * Register, heartbeat and unregister as the protocol answers them (docs/protocol.md): an empty
 * batch, then the node's state, then each instance's own checks, then the rate limit (only a
 * batch with a valid instance uses budget), then each instance on its own. HTTP and WebSocket share this one implementation.
 *
 * @example
 * ```ts
 * const response = engine.registry.execute('heartbeat', { instances: [instance] });
 * if (response.failedInstances?.some((f) => f.errorCode === 'data-not-found')) reRegister();
 * ```
 */
export class RegistryService {
  private writeObserver: WriteObserver | null = null;
  /** Told of each applied operation; the engine sets it through `ArtemisEngine.observe`. */
  observer: EngineObserver = noopEngineObserver;
  /** Within one heartbeat batch: the service of the previous instance, looked up once for a run of its instances. */
  private lastServiceId: string | null = null;
  private lastService: ServiceRecord | undefined = undefined;
  /** Bodies of heartbeats that renewed every instance, and their leases (docs/architecture.md). */
  readonly plans: HeartbeatPlans;
  /** While a keyed heartbeat runs: the leases it renewed, in order, for its plan. */
  private renewing: Lease[] | null = null;

  constructor(
    private readonly store: RegistryStore,
    private readonly limiter: RateLimiter,
    private readonly cluster: ClusterService,
    private readonly zones: ZonePolicy,
    /** Room for heartbeat plans in bytes; 0 keeps none. */
    heartbeatPlanMaxBytes?: number,
  ) {
    this.plans = new HeartbeatPlans(heartbeatPlanMaxBytes);
  }

  /** Cluster: hears every client write that succeeded, to replicate it (docs/scale.md). */
  setWriteObserver(observer: WriteObserver | null): void {
    this.writeObserver = observer;
  }

  /**
   * Runs one registry operation on a batch. `client` names the caller (remote address, or push
   * session) for its fair share of the rate limit. A batch that fails validation is answered
   * without using any budget, so malformed floods cannot starve well-formed requests.
   */
  execute(operation: RegistryOperation, request: InstancesRequest, client?: string): InstancesResponse {
    const instances = request.instances;
    if (instances === null || instances.length === 0) return { failedInstances: null, responseStatus: failStatus(ErrorCode.badRequest, EMPTY_BATCH_MESSAGE) };
    return this.run(operation, instances, new DecodedBatch(instances), client);
  }

  /**
   * A heartbeat of a batch read by its keys only (`readInstanceKeys`, the HTTP and WebSocket hot path): the
   * same answer, and the same effects, as {@link execute} of `heartbeat` on the batch decoded
   * whole; the whole instances are decoded only for a failure, which quotes its instance.
   */
  heartbeat(batch: InstanceKeyBatch, client?: string): InstancesResponse {
    if (batch.keys.length === 0) return { failedInstances: null, responseStatus: failStatus(ErrorCode.badRequest, EMPTY_BATCH_MESSAGE) };
    this.renewing = [];
    const answer = this.run(RegistryOperation.heartbeat, batch.keys, batch, client);
    const renewed = this.renewing;
    this.renewing = null;
    if (answer === REGISTRY_SUCCESS && renewed.length === batch.keys.length) this.plans.remember(batch.body, renewed);
    return answer;
  }

  /** The plan of a heartbeat body seen before, byte for byte, if one is kept: run it with {@link heartbeatPlanned}. */
  plannedHeartbeat(body: Uint8Array): HeartbeatPlan | undefined {
    return this.plans.find(body);
  }

  /**
   * A heartbeat by its plan: the same answer and effects as {@link heartbeat} of its body,
   * without reading the body or looking up its leases. Undefined, with nothing done, when the
   * plan no longer holds (a lease of it expired, was replaced or removed) or the node does not
   * serve the registry: the caller then reads the body.
   */
  heartbeatPlanned(plan: HeartbeatPlan, client?: string): InstancesResponse | undefined {
    if (!this.cluster.canServeRegistry()) return undefined;
    const now = this.store.now();
    const leases = plan.leases;
    // Checked first, all of them: a stale plan must leave no effect (nor budget used) behind.
    for (let n = 0; n < leases.length; n++) {
      if ((leases[n] as Lease).isExpired(now)) {
        this.plans.drop(plan);
        return undefined;
      }
    }
    if (!this.limiter.tryAcquire(RegistryOperation.heartbeat, client)) return { failedInstances: null, responseStatus: RATE_LIMITED };
    for (let n = 0; n < leases.length; n++) {
      const lease = leases[n] as Lease;
      this.store.renewLease(lease, now);
      this.observer.heartbeat(true);
      this.writeObserver?.renewed(lease);
    }
    this.plans.used += 1;
    return REGISTRY_SUCCESS;
  }

  private run(operation: RegistryOperation, keys: readonly (HeartbeatKey | null)[], batch: Batch, client: string | undefined): InstancesResponse {
    if (!this.cluster.canServeRegistry()) {
      return {
        failedInstances: null,
        responseStatus: failStatus(ErrorCode.serviceUnavailable, `Serivce registry is not in up state. Current status: ${this.cluster.describeState()}`),
      };
    }
    // Each instance's own checks first: a batch with no valid instance uses no budget.
    let invalid: (FailedInstance | null)[] | null = null;
    let anyValid = false;
    for (let n = 0; n < keys.length; n++) {
      const key = keys[n];
      if (key === null || key === undefined) continue;
      // The common case, a heartbeat or unregister naming its instance, needs only the key.
      const failure = operation !== RegistryOperation.register && namesInstance(key) ? null : checkInstance(operation, batch.instance(n) as Instance);
      if (failure === null) anyValid = true;
      else (invalid ??= new Array<FailedInstance | null>(keys.length).fill(null))[n] = failure;
    }
    if (anyValid && !this.limiter.tryAcquire(operation, client)) return { failedInstances: null, responseStatus: RATE_LIMITED };
    let failures: FailedInstance[] | null = null;
    let attempted = 0;
    this.lastServiceId = null;
    this.lastService = undefined;
    // One clock reading for the whole batch: they are all renewed at once.
    const now = operation === RegistryOperation.heartbeat ? this.store.now() : 0;
    for (let n = 0; n < keys.length; n++) {
      const key = keys[n];
      if (key === null || key === undefined) continue;
      attempted += 1;
      const failure = invalid?.[n] ?? this.apply(operation, key, n, batch, now);
      if (failure !== null) (failures ??= []).push(failure);
    }
    // Not kept past the batch (reset above too): the registry may change before the next one.
    this.lastServiceId = null;
    this.lastService = undefined;
    if (failures === null) return REGISTRY_SUCCESS;
    return { failedInstances: failures, responseStatus: partialFailStatus(summarise(failures, attempted)) };
  }

  private apply(operation: RegistryOperation, key: HeartbeatKey, n: number, batch: Batch, now: number): FailedInstance | null {
    const outsideZone = this.zones.check(key.regionId, key.zoneId);
    if (outsideZone !== null) return failed(batch.instance(n) as Instance, ErrorCode.noPermission, outsideZone);
    const serviceId = key.serviceId as string;
    const instanceId = key.instanceId as string;
    switch (operation) {
      case RegistryOperation.register: {
        const instance = batch.instance(n) as Instance;
        this.store.register(instance);
        this.observer.registered();
        this.writeObserver?.written(operation, instance);
        return null;
      }
      case RegistryOperation.heartbeat: {
        // Instances of one service usually come in a row: the service is looked up once for them.
        if (serviceId !== this.lastServiceId) {
          this.lastServiceId = serviceId;
          this.lastService = this.store.service(serviceId);
        }
        const renewed = this.store.renewIn(this.lastService, instanceId, now);
        this.observer.heartbeat(renewed !== undefined);
        if (renewed === undefined) return failed(batch.instance(n) as Instance, ErrorCode.dataNotFound, 'Instance is not exising! Need re-register.');
        this.writeObserver?.renewed(renewed);
        this.renewing?.push(renewed);
        return null;
      }
      case RegistryOperation.unregister:
        this.store.unregister(serviceId, instanceId);
        this.observer.unregistered();
        this.writeObserver?.written(operation, batch.instance(n) as Instance);
        return null;
    }
  }
}

/** A batch's elements whole (decoded only when needed: a check, a failure, a register). */
interface Batch {
  instance(index: number): Instance | null;
}

/** A batch decoded whole: its instances are their own key. */
class DecodedBatch implements Batch {
  constructor(private readonly instances: readonly (Instance | null)[]) {}

  instance(index: number): Instance | null {
    return this.instances[index] ?? null;
  }
}

function namesInstance(key: HeartbeatKey): boolean {
  return !isBlank(key.serviceId) && !isBlank(key.instanceId);
}

function summarise(failures: readonly FailedInstance[], attempted: number): string {
  const named = failures
    .slice(0, SUMMARISED_FAILURES)
    .map((failure) => `${String(failure.instance.instanceId)} (${failure.errorCode})`)
    .join(', ');
  const more = failures.length > SUMMARISED_FAILURES ? ` and ${failures.length - SUMMARISED_FAILURES} more` : '';
  return `${failures.length} of ${attempted} instances failed: ${named}${more}`;
}
