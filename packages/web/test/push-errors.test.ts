import { describe, expect, it, jest } from '@jest/globals';
import { Paths, type InstancesResponse, type SubscribeReply } from '@artemis/core';
import type { Logger } from '@artemis/server';
import { instance, startNode } from './fixtures.js';
import { openIo, openWs } from './push-clients.js';

/** A logger that keeps what was logged as errors (the unexpected must be logged). */
function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  const noop = () => undefined;
  return { errors, error: (message: string) => void errors.push(message), warn: noop, info: noop, debug: noop, child: () => recordingLogger() } as unknown as Logger & { errors: string[] };
}

const internal = { errorCode: 'internal-service-error', status: 'fail' };

describe('push channels answer a handler failure in the protocol shape and keep serving', () => {
  it('Java WebSocket heartbeat: internal-service-error, the session and the others stay open', async () => {
    const logger = recordingLogger();
    await using node = await startNode({}, { logger });
    await using failing = await openWs(node.url, Paths.ws.heartbeat);
    await using other = await openWs(node.url, Paths.ws.heartbeat);
    // Heartbeat frames read by their keys go to registry.heartbeat.
    const spy = jest.spyOn(node.engine.registry, 'heartbeat').mockImplementationOnce(() => {
      throw new Error('injected failure');
    });
    failing.send({ instances: [instance('orders', 'a')] });
    expect(await failing.next<InstancesResponse>()).toMatchObject({ responseStatus: internal });
    spy.mockRestore();
    expect(logger.errors).toContain('push request failed');
    // The same session keeps working, and so does another.
    failing.send({ instances: [instance('orders', 'ghost')] });
    expect(await failing.next<InstancesResponse>()).toMatchObject({ failedInstances: [{ errorCode: 'data-not-found' }] });
    other.send({ instances: [instance('orders', 'ghost')] });
    expect(await other.next<InstancesResponse>()).toMatchObject({ failedInstances: [{ errorCode: 'data-not-found' }] });
  });

  it('Java WebSocket instance-change: a failing subscription is answered, the session stays subscribed to what it had', async () => {
    const logger = recordingLogger();
    await using node = await startNode({}, { logger });
    await using session = await openWs(node.url, Paths.ws.instanceChange);
    session.send({ serviceId: 'orders', regionId: 'default', zoneId: 'zone-a' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Fault injection into the channel's own state: the next subscription throws unexpectedly.
    const channels = (node.http.push as unknown as { changes: { byService: Map<string, unknown> } }).changes;
    const get = jest.spyOn(channels.byService, 'get').mockImplementationOnce(() => {
      throw new Error('injected failure');
    });
    session.send({ serviceId: 'payments', regionId: 'default', zoneId: 'zone-a' });
    expect(await session.next()).toMatchObject({ responseStatus: internal });
    get.mockRestore();
    node.engine.registry.execute('register', { instances: [instance('orders', 'o-1')] });
    expect(await session.next()).toMatchObject({ changeType: 'new' });
    expect(session.ws.readyState).toBe(session.ws.OPEN);
  });

  it('socket.io heartbeat and subscribe: internal-service-error in the ack, the socket stays connected', async () => {
    const logger = recordingLogger();
    await using node = await startNode({}, { logger });
    await using client = await openIo(node.url);
    await using other = await openIo(node.url);
    const spy = jest.spyOn(node.engine.registry, 'execute').mockImplementationOnce(() => {
      throw new Error('injected failure');
    });
    const failed = (await client.timeout(2_000).emitWithAck('heartbeat', { instances: [instance('orders', 'a')] })) as InstancesResponse;
    expect(failed).toMatchObject({ responseStatus: internal });
    spy.mockRestore();
    const subscribeSpy = jest.spyOn(node.engine.changeLog, 'version', 'get').mockImplementationOnce(() => {
      throw new Error('injected failure');
    });
    const subscribed = (await client.timeout(2_000).emitWithAck('subscribe', { serviceIds: ['orders'], all: false } as never)) as SubscribeReply;
    expect(subscribed.responseStatus).toMatchObject(internal);
    subscribeSpy.mockRestore();
    expect(client.connected).toBe(true);
    const ok = (await other.timeout(2_000).emitWithAck('heartbeat', { instances: [instance('orders', 'ghost')] })) as InstancesResponse;
    expect(ok).toMatchObject({ failedInstances: [{ errorCode: 'data-not-found' }] });
    expect(logger.errors.length).toBeGreaterThanOrEqual(1);
  });
});
