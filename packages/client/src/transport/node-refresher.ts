import { ErrorCode, Paths, type ServiceNode } from '@artemis/core';
import { MalformedResponseError } from '../errors.js';
import { asError, type ArtemisClientEvents } from '../events.js';
import type { TypedEmitter } from '../internal/typed-emitter.js';
import { normaliseServerUrl } from '../options.js';
import type { AddressBook } from './address-book.js';
import type { HttpTransport, WithStatus } from './http-transport.js';

/** Checks an `up-*-nodes` answer; a node entry of the wrong shape is dropped, not trusted. */
export function checkNodesResponse(body: WithStatus & Record<string, unknown>): WithStatus & { nodes: ServiceNode[] } {
  const nodes = body['nodes'];
  if (nodes !== null && nodes !== undefined && !Array.isArray(nodes)) throw new MalformedResponseError('nodes is not a list');
  const valid: ServiceNode[] = [];
  for (const node of (nodes ?? []) as unknown[]) {
    const record = node as { url?: unknown; zone?: { zoneId?: unknown; regionId?: unknown } | null } | null;
    if (record === null || typeof record !== 'object' || typeof record.url !== 'string') continue;
    const zoneId = typeof record.zone?.zoneId === 'string' ? record.zone.zoneId : null;
    const regionId = typeof record.zone?.regionId === 'string' ? record.zone.regionId : null;
    valid.push({ url: record.url, zone: { zoneId, regionId, metadata: null } });
  }
  return { responseStatus: body.responseStatus, nodes: valid };
}

function safeUrl(url: string): string | null {
  try {
    return normaliseServerUrl(url, 'node.url');
  } catch {
    return null;
  }
}

/** Keeps the registry and discovery address books in line with `up-registry-nodes` / `up-discovery-nodes`. */
export class NodeRefresher {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly transport: HttpTransport,
    private readonly books: { readonly registry: AddressBook; readonly discovery: AddressBook },
    private readonly deployment: { readonly regionId: string; readonly zoneId: string },
    private readonly intervalMs: number,
    private readonly events: TypedEmitter<ArtemisClientEvents>,
  ) {}

  /** Refreshes now, then every interval. */
  start(): void {
    void this.refreshAll();
  }

  /** Refreshes both lists once; failures are reported as `error` events and the lists kept. */
  async refreshAll(): Promise<void> {
    await Promise.all([this.refresh('registry', Paths.cluster.upRegistryNodes), this.refresh('discovery', Paths.cluster.upDiscoveryNodes)]);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.refreshAll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async refresh(channel: 'registry' | 'discovery', path: string): Promise<void> {
    const book = this.books[channel];
    try {
      const answer = await this.transport.request(book, path, { regionId: this.deployment.regionId, zoneId: this.deployment.zoneId }, checkNodesResponse);
      if (answer.responseStatus.errorCode === ErrorCode.dataNotFound) return;
      if (book.replace(answer.nodes, safeUrl)) this.events.emit('nodes-refreshed', { channel, nodes: book.urls() });
    } catch (error) {
      if (!this.stopped) this.events.emit('error', { error: asError(error), context: `refresh of the ${channel} nodes` });
    }
  }
}
