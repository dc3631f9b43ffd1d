/**
 * `@artemis/client`: what a Node service installs to talk to Artemis.
 * The registry/discovery SDK and the typed admin client are exported from here.
 */
export { CLIENT_PACKAGE_VERSION } from './version.js';

// --- registry/discovery SDK ---
export { ArtemisClient } from './artemis-client.js';
export type { ArtemisClientOptions, ResolvedOptions } from './options.js';
export type { ArtemisClientEvents } from './events.js';
export type { Registration, InstanceRef } from './registry/registration.js';
export { ServiceView, type ServiceViewOptions, type ServiceChangeEvent, type ServiceSource } from './discovery/service-view.js';
export type { ResolvedRule, ResolvedGroup } from './discovery/route-rules.js';
export type { PickOptions } from './lb/picker.js';
export type { OutlierEjectionOptions } from './lb/outlier-ejection.js';
export type { BackoffOptions } from './internal/backoff.js';
export type { Listener } from './internal/typed-emitter.js';
export { promClientMetrics, type ClientLogger, type LogFields, type ClientMetricsOptions, type CounterLike, type GaugeLike, type MetricConfigLike, type TracerLike, type SpanLike } from './observability.js';
export { ArtemisClientError, InvalidArgumentError, NoServerAvailableError, ArtemisResponseError, ClientTimeoutError, ClientClosedError, MalformedResponseError } from './errors.js';
// Building blocks shared with the admin client.
export { AddressBook, type AddressBookOptions } from './transport/address-book.js';
export { HttpTransport, type HttpTransportOptions, type WithStatus } from './transport/http-transport.js';
// --- end registry/discovery SDK ---

// ---- The admin client (ArtemisAdmin): management, status, cluster and auth endpoints ----
export * from './admin/index.js';
