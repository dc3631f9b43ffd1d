import { AdminTransport, type AdminTransportOptions } from './admin-transport.js';
import { AuthApi } from './auth-api.js';
import { CanaryApi } from './canary-api.js';
import { GroupsApi } from './groups-api.js';
import { InstancesApi } from './instances-api.js';
import { LogsApi } from './logs-api.js';
import { RouteRulesApi } from './route-rules-api.js';
import { StatusApi } from './status-api.js';
import type { WriteContext } from './write-context.js';
import { ZonesApi } from './zones-api.js';

/** Options of {@link ArtemisAdmin}. */
export interface ArtemisAdminOptions extends AdminTransportOptions {
  /** Defaults of every write's operation context; `operatorId` is required by nodes without security. */
  readonly defaults?: WriteContext;
}

/**
 * A typed client for every management, status, cluster and auth endpoint of an Artemis
 * cluster, with the server's JSON shapes from `@artemis/core`. It uses `fetch` only, so it runs
 * in Node 20+ and in browsers (import it from `@artemis/client/admin` there: the package root
 * also loads the SDK's socket.io client and Node modules). Reads move to another node when one
 * fails; failures arrive as typed exceptions (`ArtemisRequestError` and its subclasses,
 * `ArtemisUnreachableError`).
 *
 * @example
 * ```ts
 * import { ArtemisAdmin } from '@artemis/client';
 * const admin = new ArtemisAdmin({ nodes: ['http://10.0.0.1:8080', 'http://10.0.0.2:8080'], token: process.env.ARTEMIS_TOKEN, defaults: { operatorId: 'alice' } });
 * await admin.instances.operateInstance({ regionId: 'default', serviceId: 'orders', instanceId: 'orders-1' }, false);
 * const { services } = await admin.instances.services();
 * ```
 */
export class ArtemisAdmin {
  /** The transport all calls go through. */
  readonly transport: AdminTransport;
  /** `/api/status/*` and `/api/cluster/*`. */
  readonly status: StatusApi;
  /** Services as operators see them; instance and server pull-outs. */
  readonly instances: InstancesApi;
  /** Groups, tags, group operations, group and logical instances. */
  readonly groups: GroupsApi;
  /** Route rules and their weighted groups. */
  readonly routeRules: RouteRulesApi;
  /** Zone pull-outs. */
  readonly zones: ZonesApi;
  /** Canary IP lists. */
  readonly canary: CanaryApi;
  /** The management logs. */
  readonly logs: LogsApi;
  /** Users, tokens and sessions. */
  readonly auth: AuthApi;

  constructor(options: ArtemisAdminOptions) {
    this.transport = new AdminTransport(options);
    const defaults = options.defaults ?? {};
    this.status = new StatusApi(this.transport);
    this.instances = new InstancesApi(this.transport, defaults);
    this.groups = new GroupsApi(this.transport, defaults);
    this.routeRules = new RouteRulesApi(this.transport, defaults);
    this.zones = new ZonesApi(this.transport, defaults);
    this.canary = new CanaryApi(this.transport, defaults);
    this.logs = new LogsApi(this.transport);
    this.auth = new AuthApi(this.transport);
  }
}
