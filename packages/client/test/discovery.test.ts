import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ArtemisClient, type ServiceChangeEvent } from '../src/index.js';
import { createDatabase, post, startNode, waitFor } from './support/artemis-node.js';
import { startProxy } from './support/tcp-proxy.js';

const orders = (instanceId: string) => ({ serviceId: 'orders', instanceId, ip: '10.0.0.1', port: 8080, url: `http://10.0.0.1:8080/${instanceId}`, regionId: 'default', zoneId: 'default' });
const ids = (instances: readonly { instanceId: string | null }[]): string[] => instances.map((instance) => String(instance.instanceId)).sort();

describe('discovery', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('reads a service on first use, then follows registrations and unregistrations by push', async () => {
    const node = await startNode();
    cleanups.push(() => node.close());
    const provider = new ArtemisClient({ servers: [node.url], drainMs: 0 });
    const consumer = new ArtemisClient({ servers: [node.url] });
    cleanups.push(() => provider.close(), () => consumer.close());
    // Push first, so that no read for the first connection lands among the events below.
    const connected = new Promise<void>((resolve) => consumer.on('connected', () => resolve()));
    await provider.register([orders('o-1')]);
    await connected;
    const view = consumer.service('orders');
    await view.ready({ timeoutMs: 3000 });
    expect(ids(view.instances())).toEqual(['o-1']);
    expect(view.source).toBe('server');
    await waitFor(() => view.ageMs === 0, 3000, 'push subscription');
    const events: ServiceChangeEvent[] = [];
    view.on('change', (event) => events.push(event));
    await provider.register([orders('o-2')]);
    await waitFor(() => view.instances().length === 2, 2000, 'new by push');
    expect(events.at(-1)?.type).toBe('new');
    await provider.unregister([{ serviceId: 'orders', instanceId: 'o-1' }]);
    await waitFor(() => view.instances().length === 1, 2000, 'delete by push');
    expect(events.at(-1)).toMatchObject({ type: 'delete' });
    expect(ids(view.instances())).toEqual(['o-2']);
    expect(consumer.service('ORDERS')).toBe(view);
  });

  it('resumes by version after a disconnect: the changes missed meanwhile arrive as changes, not a reload', async () => {
    // The node advertises the proxy, so the node list the client refreshes keeps it on the proxy.
    let target = '';
    await using proxy = await startProxy(() => target);
    const node = await startNode({ env: { ARTEMIS_ADVERTISED_URL: proxy.url } });
    target = node.url;
    cleanups.push(() => node.close());
    const consumer = new ArtemisClient({ servers: [proxy.url], backoff: { initialMs: 50, maxMs: 200 }, pollIntervalMs: 60_000 });
    cleanups.push(() => consumer.close());
    // Push first: a view made before the first connection is read again when it comes (a
    // 'reload' that could land after the listener below, however fast the first read was).
    await new Promise<void>((resolve) => consumer.on('connected', () => resolve()));
    await post(node.url, '/api/registry/register.json', { instances: [orders('o-1')] });
    const view = consumer.service('orders');
    await view.ready({ timeoutMs: 3000 });
    await waitFor(() => view.ageMs === 0, 3000, 'push subscription');
    const events: ServiceChangeEvent[] = [];
    view.on('change', (event) => events.push(event));
    proxy.cut();
    await waitFor(() => view.ageMs > 0, 3000, 'disconnect seen');
    await post(node.url, '/api/registry/register.json', { instances: [orders('o-2'), orders('o-3')] });
    await post(node.url, '/api/registry/unregister.json', { instances: [orders('o-1')] });
    expect(ids(view.instances())).toEqual(['o-1']);
    proxy.open();
    await waitFor(() => view.instances().length === 2 && view.ageMs === 0, 5000, 'resumed');
    expect(ids(view.instances())).toEqual(['o-2', 'o-3']);
    expect(events.map((event) => event.type).sort()).toEqual(['delete', 'new', 'new']);
  });

  it('keeps the last good list when a restarted node answers empty, and accepts a genuine scale-to-zero after a confirming read', async () => {
    const database = createDatabase();
    cleanups.push(() => database.drop());
    const first = await startNode({ database });
    const consumer = new ArtemisClient({ servers: [first.url], backoff: { initialMs: 50, maxMs: 200 } });
    cleanups.push(() => consumer.close());
    await post(first.url, '/api/registry/register.json', { instances: [orders('o-1')] });
    const view = consumer.service('orders', { emptyConfirmMs: 1500 });
    await view.ready({ timeoutMs: 3000 });
    await first.kill();
    const second = await startNode({ database, port: first.port });
    cleanups.push(() => second.close());
    // The restarted node is empty; the client reconnects and reads it, but keeps o-1 for now.
    await waitFor(() => view.ageMs === 0, 5000, 'reconnected');
    expect(ids(view.instances())).toEqual(['o-1']);
    // Nobody registers again: the confirming read is empty too, and the list empties.
    await waitFor(() => view.instances().length === 0, 5000, 'scale-to-zero accepted');
  });

  it('delivers an explicit scale-to-zero at once, and a restarted node whose instances come back never empties the list', async () => {
    const database = createDatabase();
    cleanups.push(() => database.drop());
    const first = await startNode({ database });
    const provider = new ArtemisClient({ servers: [first.url], heartbeatIntervalMs: 300, drainMs: 0, backoff: { initialMs: 50, maxMs: 200 } });
    const consumer = new ArtemisClient({ servers: [first.url], backoff: { initialMs: 50, maxMs: 200 } });
    cleanups.push(() => consumer.close(), () => provider.close());
    await provider.register([orders('o-1')]);
    const view = consumer.service('orders', { emptyConfirmMs: 3000 });
    await view.ready({ timeoutMs: 3000 });
    const sizes: number[] = [];
    view.on('change', () => sizes.push(view.instances().length));
    await first.kill();
    const second = await startNode({ database, port: first.port });
    cleanups.push(() => second.close());
    await waitFor(() => view.ageMs === 0, 5000, 'reconnected');
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(sizes.every((size) => size > 0)).toBe(true);
    expect(ids(view.instances())).toEqual(['o-1']);
    await provider.unregister([{ serviceId: 'orders', instanceId: 'o-1' }]);
    await waitFor(() => view.instances().length === 0, 2000, 'explicit delete');
  });

  it('starts from the disk snapshot when every node is down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'artemis-client-cache-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const node = await startNode();
    cleanups.push(() => node.close());
    await post(node.url, '/api/registry/register.json', { instances: [orders('o-1')] });
    const writer = new ArtemisClient({ servers: [node.url], cacheDir: dir });
    await writer.service('orders').ready({ timeoutMs: 3000 });
    await writer.close();
    const reader = new ArtemisClient({ servers: ['http://127.0.0.1:9'], cacheDir: dir, requestTimeoutMs: 200, maxAttempts: 1 });
    cleanups.push(() => reader.close());
    const view = reader.service('orders');
    await view.ready({ timeoutMs: 3000 });
    expect(view.source).toBe('snapshot');
    expect(ids(view.instances())).toEqual(['o-1']);
    expect(view.pick()?.instanceId).toBe('o-1');
  });

  it('follows changes by delta polling when push is off', async () => {
    const node = await startNode();
    cleanups.push(() => node.close());
    const consumer = new ArtemisClient({ servers: [node.url], push: false, pollIntervalMs: 200 });
    cleanups.push(() => consumer.close());
    await post(node.url, '/api/registry/register.json', { instances: [orders('o-1')] });
    const view = consumer.service('orders');
    await view.ready({ timeoutMs: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await post(node.url, '/api/registry/register.json', { instances: [orders('o-2')] });
    await waitFor(() => view.instances().length === 2, 3000, 'polled new');
    await post(node.url, '/api/registry/unregister.json', { instances: [orders('o-1')] });
    await waitFor(() => view.instances().length === 1, 3000, 'polled delete');
    expect(ids(view.instances())).toEqual(['o-2']);
  });

  it('a throwing change listener does not stop the others and surfaces as an error event', async () => {
    const node = await startNode();
    cleanups.push(() => node.close());
    const consumer = new ArtemisClient({ servers: [node.url] });
    cleanups.push(() => consumer.close());
    const errors: string[] = [];
    consumer.on('error', ({ context }) => errors.push(context));
    const view = consumer.service('orders');
    let second = 0;
    view.on('change', () => {
      throw new Error('listener bug');
    });
    view.on('change', () => (second += 1));
    await post(node.url, '/api/registry/register.json', { instances: [orders('o-1')] });
    await waitFor(() => second >= 1 && view.instances().length === 1, 3000, 'second listener called');
    expect(errors.some((context) => context.includes("'change' listener of orders"))).toBe(true);
  });
});
