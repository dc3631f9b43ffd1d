import {
  ErrorCode,
  failStatus,
  partialFailStatus,
  RATE_LIMITED,
  RegistryOperation,
  SUCCESS,
  type FailedInstance,
  type Instance,
  type InstancesRequest,
  type InstancesResponse,
} from '@artemis/core';
import type { ClusterService } from '../cluster/cluster-service.js';
import type { ZonePolicy } from '../cluster/zone-policy.js';
import { noopEngineObserver, type EngineObserver } from '../observability/engine-observer.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { checkInstance, failed } from './instance-checks.js';
import type { RegistryStore } from './registry-store.js';

/** Told of each client write that succeeded; replicated writes never reach it. */
export type WriteObserver = (operation: RegistryOperation, instance: Instance) => void;

/**
 * The answer of every batch that fully succeeded: one shared, frozen object, so that a
 * transport can serialise it once (see `sharedAnswer` in @artemis/web) rather than per request.
 */
export const REGISTRY_SUCCESS: InstancesResponse = Object.freeze({ failedInstances: null, responseStatus: SUCCESS });

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

  constructor(
    private readonly store: RegistryStore,
    private readonly limiter: RateLimiter,
    private readonly cluster: ClusterService,
    private readonly zones: ZonePolicy,
  ) {}

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
    if (instances === null || instances.length === 0) {
      return { failedInstances: null, responseStatus: failStatus(ErrorCode.badRequest, 'request.instances is null or empty.') };
    }
    if (!this.cluster.canServeRegistry()) {
      return {
        failedInstances: null,
        responseStatus: failStatus(ErrorCode.serviceUnavailable, `Serivce registry is not in up state. Current status: ${this.cluster.describeState()}`),
      };
    }
    // Each instance's own checks first: a batch with no valid instance uses no budget.
    let invalid: (FailedInstance | null)[] | null = null;
    let anyValid = false;
    for (let n = 0; n < instances.length; n++) {
      const instance = instances[n];
      if (instance === null || instance === undefined) continue;
      const failure = checkInstance(operation, instance);
      if (failure === null) anyValid = true;
      else (invalid ??= new Array<FailedInstance | null>(instances.length).fill(null))[n] = failure;
    }
    if (anyValid && !this.limiter.tryAcquire(operation, client)) return { failedInstances: null, responseStatus: RATE_LIMITED };
    let failures: FailedInstance[] | null = null;
    let attempted = 0;
    // One clock reading for the whole batch: they are all renewed at once.
    const now = operation === RegistryOperation.heartbeat ? this.store.now() : 0;
    for (let n = 0; n < instances.length; n++) {
      const instance = instances[n];
      if (instance === null || instance === undefined) continue;
      attempted += 1;
      const failure = invalid?.[n] ?? this.apply(operation, instance, now);
      if (failure !== null) (failures ??= []).push(failure);
      else this.writeObserver?.(operation, instance);
    }
    if (failures === null) return REGISTRY_SUCCESS;
    return { failedInstances: failures, responseStatus: partialFailStatus(summarise(failures, attempted)) };
  }

  private apply(operation: RegistryOperation, instance: Instance, now: number): FailedInstance | null {
    const outsideZone = this.zones.check(instance.regionId, instance.zoneId);
    if (outsideZone !== null) return failed(instance, ErrorCode.noPermission, outsideZone);
    const serviceId = instance.serviceId as string;
    const instanceId = instance.instanceId as string;
    switch (operation) {
      case RegistryOperation.register:
        this.store.register(instance);
        this.observer.registered();
        return null;
      case RegistryOperation.heartbeat: {
        const renewed = this.store.renew(serviceId, instanceId, now);
        this.observer.heartbeat(renewed);
        return renewed ? null : failed(instance, ErrorCode.dataNotFound, 'Instance is not exising! Need re-register.');
      }
      case RegistryOperation.unregister:
        this.store.unregister(serviceId, instanceId);
        this.observer.unregistered();
        return null;
    }
  }
}

function summarise(failures: readonly FailedInstance[], attempted: number): string {
  const named = failures
    .slice(0, SUMMARISED_FAILURES)
    .map((failure) => `${String(failure.instance.instanceId)} (${failure.errorCode})`)
    .join(', ');
  const more = failures.length > SUMMARISED_FAILURES ? ` and ${failures.length - SUMMARISED_FAILURES} more` : '';
  return `${failures.length} of ${attempted} instances failed: ${named}${more}`;
}
