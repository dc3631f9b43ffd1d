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

/** Failures named in a partial_fail message before it says "and N more". */
const SUMMARISED_FAILURES = 3;

/**
 * Register, heartbeat and unregister as the protocol answers them (java-reference §3.1,
 * `RegistryTool.execute`): rate limit, then an empty batch, then the node's state, then each
 * instance on its own. HTTP and WebSocket share this one implementation.
 *
 * @example
 * ```ts
 * const response = engine.registry.execute('heartbeat', { instances: [instance] });
 * if (response.failedInstances?.some((f) => f.errorCode === 'data-not-found')) reRegister();
 * ```
 */
export class RegistryService {
  /** Told of each applied operation; the engine sets it through `ArtemisEngine.observe`. */
  observer: EngineObserver = noopEngineObserver;

  constructor(
    private readonly store: RegistryStore,
    private readonly limiter: RateLimiter,
    private readonly cluster: ClusterService,
    private readonly zones: ZonePolicy,
  ) {}

  /** Runs one registry operation on a batch. */
  execute(operation: RegistryOperation, request: InstancesRequest): InstancesResponse {
    if (!this.limiter.tryAcquire(operation)) return { failedInstances: null, responseStatus: RATE_LIMITED };
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
    let failures: FailedInstance[] | null = null;
    let attempted = 0;
    for (const instance of instances) {
      if (instance === null) continue;
      attempted += 1;
      const failure = this.apply(operation, instance);
      if (failure !== null) (failures ??= []).push(failure);
    }
    if (failures === null) return { failedInstances: null, responseStatus: SUCCESS };
    return { failedInstances: failures, responseStatus: partialFailStatus(summarise(failures, attempted)) };
  }

  private apply(operation: RegistryOperation, instance: Instance): FailedInstance | null {
    const invalid = checkInstance(operation, instance);
    if (invalid !== null) return invalid;
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
        const renewed = this.store.renew(serviceId, instanceId);
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
