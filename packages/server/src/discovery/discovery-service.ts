import {
  ErrorCode,
  failStatus,
  emptyService,
  isBlank,
  SUCCESS,
  type DiscoveryConfig,
  type GetServiceRequest,
  type GetServiceResponse,
  type GetServicesDeltaRequest,
  type GetServicesDeltaResponse,
  type GetServicesRequest,
  type GetServicesResponse,
  type LookupRequest,
  type LookupResponse,
  type ResponseStatus,
} from '@artemis/core';
import type { ChangeBus } from '../changes/change-bus.js';
import type { ChangeLog } from '../changes/change-log.js';
import type { ClusterService } from '../cluster/cluster-service.js';
import type { ZonePolicy } from '../cluster/zone-policy.js';
import type { RegistryStore } from '../registry/registry-store.js';
import { ANSWER_CACHE_MAX_ENTRIES, AnswerCache, type AnswerKind } from './answer-cache.js';
import { FilterChain } from './filter-chain.js';
import { JsonBody } from './json-body.js';
import { Served, ServedServiceCache } from './served-service-cache.js';
import { ServicesSnapshotBuilder } from './services-snapshot.js';
import type { Logger } from '../runtime/logger.js';

/** The config getServices filters with (Java's `DiscoveryConfig.GENERIC`). */
const GENERIC_CONFIG: DiscoveryConfig = { discoveryData: null, regionId: null, serviceId: 'discovery_generic_service_id', zoneId: null };

const SUCCESS_JSON = JSON.stringify(SUCCESS);
const LOOKUP_HEAD = Buffer.from(`{"responseStatus":${SUCCESS_JSON},"services":[`, 'utf8');
const COMMA = Buffer.from(',');
const LOOKUP_TAIL = Buffer.from(']}');

/**
 * Discovery as the protocol answers it (docs/protocol.md): lookup, service, services and
 * services-delta, through the filter chain, from cached served services. Each operation has a
 * typed form for embedders and a `...Body` form that returns the response body ready to write.
 */
export class DiscoveryService {
  /** The filter chain; management adds its filters here. */
  readonly filters: FilterChain;
  private readonly cache: ServedServiceCache;
  private readonly snapshots: ServicesSnapshotBuilder;
  private readonly answers: AnswerCache;

  constructor(
    private readonly store: RegistryStore,
    private readonly changeLog: ChangeLog,
    changeBus: ChangeBus,
    private readonly cluster: ClusterService,
    private readonly zones: ZonePolicy,
    logger: Logger,
    servedCacheMaxBytes?: number,
    answerCacheMaxBytes?: number,
  ) {
    this.answers = new AnswerCache(ANSWER_CACHE_MAX_ENTRIES, answerCacheMaxBytes);
    this.filters = new FilterChain(logger);
    this.cache = new ServedServiceCache(this.filters, servedCacheMaxBytes);
    this.snapshots = new ServicesSnapshotBuilder((record) => this.cache.get(record, GENERIC_CONFIG));
    changeBus.subscribe((event) => {
      if (this.store.service(event.serviceId) === undefined) this.cache.forget(event.serviceKey);
    });
  }

  /** One service per config, in order; a config that cannot be served yields an empty service. */
  lookup(request: LookupRequest): LookupResponse {
    const failure = this.lookupFailure(request);
    if (failure !== null) return { responseStatus: failure, services: null };
    return { responseStatus: SUCCESS, services: this.lookupServed(request).map((served) => served.service) };
  }

  /**
   * The answer to a `lookup.json` or `service.json` request body of exactly these bytes, when
   * one is cached and still valid (nothing it depends on has changed since); undefined
   * otherwise. The caller then reads the body and calls {@link lookupBody} or
   * {@link getServiceBody} with the same bytes, which caches the answer.
   */
  cachedAnswer(kind: AnswerKind, body: Buffer): JsonBody | undefined {
    // A node that stops serving answers with its state, not with what it served before.
    if (!this.cluster.canServeDiscovery()) return undefined;
    const key = this.answers.keyOf(body);
    return key === null ? undefined : this.answers.get(kind, key, this.store.revision, this.filters.generation);
  }

  /** The answer cache's size, for tests and diagnostics. */
  get cachedAnswers(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.answers.size, bytes: this.answers.heldBytes };
  }

  /**
   * {@link lookup} as a response body. Given the request's body bytes (`body`), a successful
   * answer is cached under them (see {@link cachedAnswer}), as one buffer.
   */
  lookupBody(request: LookupRequest, body?: Buffer): JsonBody {
    const failure = this.lookupFailure(request);
    if (failure !== null) return new JsonBody(JSON.stringify({ responseStatus: failure, services: null }));
    // The answer is the services' bytes, encoded once per change, as chunks: joining their JSON
    // text and encoding it again cost more than the rest of a lookup, and copying them into one
    // fresh buffer drove the garbage collector (33 KB of external memory per request, and per
    // cached answer: a full GC while 1,000 different lookups filled the cache). Cached, the
    // answer is the same chunks, which the services' cached bytes already hold.
    const served = this.lookupServed(request);
    const parts = new Array<Buffer>(served.length * 2 + 1);
    parts[0] = LOOKUP_HEAD;
    for (let i = 0; i < served.length; i++) {
      parts[2 * i + 1] = (served[i] as Served).serviceBytes;
      parts[2 * i + 2] = i === served.length - 1 ? LOOKUP_TAIL : COMMA;
    }
    const key = body === undefined ? null : this.answers.keyOf(body);
    if (key === null) return JsonBody.fromChunks(parts);
    const answer = JsonBody.fromChunks(parts);
    this.answers.set('lookup', key, answer, this.store.revision, this.filters.generation);
    return answer;
  }

  /** One service, filtered for the caller. */
  getService(request: GetServiceRequest): GetServiceResponse {
    const failure = this.serviceFailure(request);
    if (failure !== null) return { responseStatus: failure, service: null };
    return { responseStatus: SUCCESS, service: this.served(request.discoveryConfig as DiscoveryConfig).service };
  }

  /**
   * {@link getService} as a response body; the same object while the service is unchanged.
   * Given the request's body bytes (`body`), a successful answer is cached under them (see
   * {@link cachedAnswer}).
   */
  getServiceBody(request: GetServiceRequest, body?: Buffer): JsonBody {
    const failure = this.serviceFailure(request);
    if (failure !== null) return new JsonBody(JSON.stringify({ responseStatus: failure, service: null }));
    const answer = this.served(request.discoveryConfig as DiscoveryConfig).responseBody;
    const key = body === undefined ? null : this.answers.keyOf(body);
    if (key !== null) this.answers.set('service', key, answer, this.store.revision, this.filters.generation);
    return answer;
  }

  /** Every service that has instances after filtering, with the current version. */
  getServices(_request: GetServicesRequest): GetServicesResponse {
    if (!this.cluster.canServeDiscovery()) return { responseStatus: this.notUp(), services: null, version: 0 };
    const snapshot = this.snapshots.buildNow(this.snapshotKey(), this.changeLog.version, this.store.records());
    return { responseStatus: SUCCESS, services: snapshot.services, version: snapshot.version };
  }

  /**
   * {@link getServices} as a response body, built once per version from the per-service
   * bodies already encoded, in slices that leave the event loop free for other requests.
   */
  async getServicesBody(request: GetServicesRequest): Promise<JsonBody> {
    if (!this.cluster.canServeDiscovery()) return new JsonBody(JSON.stringify(this.getServices(request)));
    const snapshot = await this.snapshots.build(this.snapshotKey(), this.changeLog.version, () => this.store.records());
    return snapshot.body;
  }

  /**
   * The changes since `version`, the last per instance, grouped by service. An empty delta
   * at the current version; `data-not-found` for a version the change log no longer holds
   * (the client then reads everything again).
   */
  getServicesDelta(request: GetServicesDeltaRequest): GetServicesDeltaResponse {
    if (!this.cluster.canServeDiscovery()) return { delta: null, responseStatus: this.notUp(), version: 0 };
    const version = this.changeLog.version;
    const delta = this.changeLog.deltaSince(request.version);
    if (delta === null) return { delta: null, responseStatus: failStatus(ErrorCode.dataNotFound, 'Delta is not found.'), version: 0 };
    return { delta: Object.fromEntries(delta), responseStatus: SUCCESS, version };
  }

  /** The current change-log version. */
  get version(): number {
    return this.changeLog.version;
  }

  private served(config: DiscoveryConfig): Served {
    const serviceId = config.serviceId as string;
    const record = this.store.service(serviceId);
    if (record !== undefined) return this.cache.get(record, config);
    return new Served(this.filters.apply({ instances: [], logicInstances: [], metadata: null, routeRules: [], serviceId }, config));
  }

  private lookupServed(request: LookupRequest): Served[] {
    const zoneFailure = this.zones.check(request.regionId, request.zoneId);
    const configs = request.discoveryConfigs ?? [];
    return configs.map((config) => {
      if (config === null || isBlank(config.serviceId) || zoneFailure !== null) {
        return new Served(emptyService(config?.serviceId ?? ''));
      }
      return this.served(config);
    });
  }

  private lookupFailure(request: LookupRequest): ResponseStatus | null {
    if (request.discoveryConfigs === null || request.discoveryConfigs.length === 0) {
      return failStatus(ErrorCode.badRequest, 'request.discoveryConfigs is null or empty.');
    }
    return this.cluster.canServeDiscovery() ? null : this.notUp();
  }

  private serviceFailure(request: GetServiceRequest): ResponseStatus | null {
    if (request.discoveryConfig === null || isBlank(request.discoveryConfig.serviceId)) {
      return failStatus(ErrorCode.badRequest, 'Request is null or request.discoveryConfig is null.');
    }
    if (!this.cluster.canServeDiscovery()) return this.notUp();
    const zoneFailure = this.zones.check(request.regionId, request.zoneId);
    return zoneFailure === null ? null : failStatus(ErrorCode.noPermission, zoneFailure);
  }

  private notUp(): ResponseStatus {
    return failStatus(ErrorCode.serviceUnavailable, `Serivce discovery is not in up state. Current status: ${this.cluster.describeState()}`);
  }

  private snapshotKey(): string {
    return `${this.store.revision}/${this.filters.generation}`;
  }
}
