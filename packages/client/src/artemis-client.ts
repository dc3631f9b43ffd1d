import { DiskSnapshot } from './discovery/disk-snapshot.js';
import { Discovery } from './discovery/discovery.js';
import type { ServiceView, ServiceViewOptions } from './discovery/service-view.js';
import { ClientClosedError, InvalidArgumentError } from './errors.js';
import { asError, type ArtemisClientEvents } from './events.js';
import { TypedEmitter, type Listener } from './internal/typed-emitter.js';
import { ClientMetrics } from './observability.js';
import { resolveOptions, type ArtemisClientOptions, type ResolvedOptions } from './options.js';
import { Registrar } from './registry/registrar.js';
import { checkList, checkRef, toInstance, type InstanceRef, type Registration } from './registry/registration.js';
import { AddressBook } from './transport/address-book.js';
import { HttpTransport } from './transport/http-transport.js';
import { NodeRefresher } from './transport/node-refresher.js';
import { PushConnection } from './transport/push-connection.js';

/**
 * The Artemis SDK for Node services: registers instances and keeps their leases alive, and
 * discovers services through a local cache kept fresh by push.
 *
 * @example
 * ```ts
 * import { ArtemisClient } from '@artemis/client';
 * const client = new ArtemisClient({ servers: ['http://127.0.0.1:8080'] });
 * await client.register([{ serviceId: 'orders', instanceId: 'orders-1', url: 'http://10.0.0.1:8080' }]);
 * await client.close();
 * ```
 */
export class ArtemisClient {
  /** The validated options, defaults filled in. */
  readonly options: ResolvedOptions;
  private readonly events: TypedEmitter<ArtemisClientEvents>;
  private readonly abort = new AbortController();
  private readonly metrics: ClientMetrics;
  private readonly registryBook: AddressBook;
  private readonly discoveryBook: AddressBook;
  private readonly transport: HttpTransport;
  private readonly push: PushConnection | null;
  private readonly refresher: NodeRefresher;
  private readonly registrar: Registrar;
  private readonly discovery: Discovery;
  private closing: Promise<void> | null = null;
  private readonly signalHandlers: { signal: NodeJS.Signals; handler: () => void }[] = [];

  constructor(options: ArtemisClientOptions) {
    this.options = resolveOptions(options);
    const raw = options;
    const logger = raw.logger;
    this.events = new TypedEmitter<ArtemisClientEvents>((event, error) => {
      if (event !== 'error') this.events.emit('error', { error: asError(error), context: `a listener of '${event}' threw` });
      else logger?.error?.('an error listener threw', { error: String(error) });
    });
    this.metrics = new ClientMetrics(raw.metrics);
    // A node that just failed is avoided for a second at least (growing while it keeps failing):
    // on a loaded machine the reconnect may run after a shorter cooldown, back to the dead node.
    // With a single node the cooldown costs nothing: the soonest-recovering node is still tried.
    const cooldown = { ...this.options.backoff, initialMs: Math.max(this.options.backoff.initialMs, 1000), maxMs: Math.max(this.options.backoff.maxMs, 1000) };
    this.registryBook = new AddressBook({ seeds: this.options.servers, zoneId: this.options.zoneId, cooldown });
    this.discoveryBook = new AddressBook({ seeds: this.options.servers, zoneId: this.options.zoneId, cooldown });
    this.transport = new HttpTransport({
      requestTimeoutMs: this.options.requestTimeoutMs,
      maxAttempts: this.options.maxAttempts,
      maxResponseBytes: this.options.maxResponseBytes,
      signal: this.abort.signal,
      ...(raw.tracer === undefined ? {} : { tracer: raw.tracer }),
      onAttempt: ({ url, path, result, error }) => {
        this.metrics.request(path, result);
        if (result === 'failed') logger?.warn?.('artemis request failed', { node: url, path, error: String(error) });
      },
    });
    this.push = this.options.push
      ? new PushConnection(
          this.discoveryBook,
          {
            pingIntervalMs: this.options.pingIntervalMs,
            pingTimeoutMs: this.options.pingTimeoutMs,
            connectTimeoutMs: this.options.requestTimeoutMs,
            backoff: this.options.backoff,
            reconnectBurst: this.options.reconnectBurst,
            reconnectRefillMs: this.options.reconnectRefillMs,
          },
          (event, error) => this.events.emit('error', { error: asError(error), context: `push ${event} handler` }),
        )
      : null;
    this.refresher = new NodeRefresher(this.transport, { registry: this.registryBook, discovery: this.discoveryBook }, this.options, this.options.nodeRefreshIntervalMs, this.events);
    this.registrar = new Registrar({
      transport: this.transport,
      book: this.registryBook,
      push: this.push,
      events: this.events,
      metrics: this.metrics,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
      requestTimeoutMs: this.options.requestTimeoutMs,
    });
    this.discovery = new Discovery({
      transport: this.transport,
      book: this.discoveryBook,
      push: this.push,
      events: this.events,
      metrics: this.metrics,
      snapshot: this.options.cacheDir === null ? null : new DiskSnapshot(this.options.cacheDir, (error) => this.events.emit('error', { error: asError(error), context: 'disk snapshot' })),
      deployment: this.options,
      pollIntervalMs: this.options.pollIntervalMs,
      requestTimeoutMs: this.options.requestTimeoutMs,
    });
    this.wirePush();
    if (logger !== undefined) this.wireLogger(logger);
    this.refresher.start();
    this.push?.start();
    if (raw.signal !== undefined) {
      if (raw.signal.aborted) void this.close();
      else raw.signal.addEventListener('abort', () => void this.close(), { once: true });
    }
    if (this.options.handleSignals) this.installSignalHandlers();
  }

  /** Listens to a client event; returns a function that removes the listener. */
  on<E extends keyof ArtemisClientEvents & string>(event: E, listener: Listener<ArtemisClientEvents[E]>): () => void {
    return this.events.on(event, listener);
  }

  /** Removes a listener. */
  off<E extends keyof ArtemisClientEvents & string>(event: E, listener: Listener<ArtemisClientEvents[E]>): void {
    this.events.off(event, listener);
  }

  /**
   * Registers instances over HTTP at once and keeps them registered (heartbeats, re-register
   * after a lost lease) until `unregister` or `close`. Invalid input throws
   * `InvalidArgumentError` naming the field. When no node answers, the promise rejects but
   * the instances stay in the heartbeat set and get registered once a node answers.
   */
  async register(registrations: readonly Registration[]): Promise<void> {
    this.assertOpen();
    const list = checkList(registrations, 'instances');
    const items = list.map((registration, index) => ({
      instance: toInstance(registration as Registration, `instances[${index}]`, this.options),
      health: (registration as Registration).health ?? null,
    }));
    await this.registrar.register(items);
  }

  /**
   * A live view of a service: read on first use, then kept fresh by push (or polling). Calls
   * with the same id (any case) return the same view; options apply on the first call.
   */
  service(serviceId: string, options: ServiceViewOptions = {}): ServiceView {
    this.assertOpen();
    if (typeof serviceId !== 'string' || serviceId.trim() === '') throw new InvalidArgumentError('serviceId', 'must be a non-blank string');
    return this.discovery.view(serviceId, options);
  }

  /** Unregisters instances and stops their heartbeats. */
  async unregister(refs: readonly InstanceRef[]): Promise<void> {
    this.assertOpen();
    const list = checkList(refs, 'instances');
    list.forEach((ref, index) => checkRef(ref as InstanceRef, `instances[${index}]`));
    await this.registrar.unregister((list as InstanceRef[]).map((ref) => ({ serviceId: ref.serviceId, instanceId: ref.instanceId, regionId: ref.regionId ?? this.options.regionId })));
  }

  /**
   * Unregisters what this client registered, keeps serving for `drainMs` so that callers see the
   * change, then closes connections and clears every timer. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    for (const { signal, handler } of this.signalHandlers) process.off(signal, handler);
    await this.registrar.stop();
    const mine = this.registrar.instances();
    if (mine.length > 0) {
      try {
        await this.registrar.unregister(mine.map((instance) => ({ serviceId: instance.serviceId ?? '', instanceId: instance.instanceId ?? '', regionId: instance.regionId ?? this.options.regionId })));
        await new Promise<void>((resolve) => setTimeout(resolve, this.options.drainMs));
      } catch (error) {
        this.events.emit('error', { error: asError(error), context: 'unregister on close' });
      }
    }
    this.refresher.stop();
    await this.discovery.stop();
    this.push?.close();
    this.abort.abort();
    this.events.emit('closed', {});
    this.events.removeAll();
  }

  private assertOpen(): void {
    if (this.closing !== null) throw new ClientClosedError();
  }

  private wirePush(): void {
    const push = this.push;
    if (push === null) return;
    push.on('connected', ({ url, previousUrl }) => {
      this.metrics.pushConnected(true);
      this.registryBook.pin(url);
      this.events.emit('connected', { node: url });
      if (previousUrl !== null && previousUrl !== url) {
        this.metrics.failover('push');
        this.events.emit('failover', { from: previousUrl, to: url, channel: 'push' });
      }
      // A reconnect may land on a node that lost our leases: a heartbeat now finds out.
      if (previousUrl !== null) this.registrar.kick();
    });
    push.on('disconnected', ({ url, reason }) => {
      this.metrics.pushConnected(false);
      this.events.emit('disconnected', { node: url, reason });
    });
  }

  private wireLogger(logger: NonNullable<ArtemisClientOptions['logger']>): void {
    this.events.on('error', ({ error, context }) => logger.warn?.(`artemis client: ${context}`, { error: error.message }));
    this.events.on('failover', (event) => logger.info?.('artemis client moved to another node', { ...event }));
    this.events.on('reregistered', ({ instances, node, reason }) => logger.info?.('artemis client registered instances again', { count: instances.length, node, reason }));
    this.events.on('connected', ({ node }) => logger.debug?.('artemis push connected', { node }));
  }

  private installSignalHandlers(): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const handler = (): void => {
        void this.close().finally(() => {
          process.kill(process.pid, signal);
        });
      };
      this.signalHandlers.push({ signal, handler });
      process.once(signal, handler);
    }
  }
}

