import { describe, expect, it } from '@jest/globals';
import { Paths, type InstancesResponse, type SubscribeReply } from '@artemis/core';
import { instance, startNode } from './fixtures.js';
import { post } from './http-client.js';
import { openIo, subscription } from './push-clients.js';

const blockedIps = (lists: { heartbeat?: string[]; instanceChange?: string[]; allInstanceChange?: string[] }) => ({
  push: { blockedIps: { heartbeat: [], instanceChange: [], allInstanceChange: [], ...lists } },
});

describe('push.blockedIps on every channel', () => {
  it('refuses heartbeats from an address on the heartbeat list over HTTP and socket.io, and nothing else', async () => {
    await using node = await startNode({}, blockedIps({ heartbeat: ['127.0.0.1'] }));
    expect((await post(node.url, Paths.registry.register, { instances: [instance('orders', 'o-1')] })).json<InstancesResponse>().responseStatus.errorCode).toBe('success');
    const http = (await post(node.url, Paths.registry.heartbeat, { instances: [instance('orders', 'o-1')] })).json<InstancesResponse>();
    expect(http.responseStatus).toEqual({ errorCode: 'no-permission', message: '127.0.0.1 is blocked from heartbeats (push.blockedIps.heartbeat)', status: 'fail' });
    await using client = await openIo(node.url);
    const viaIo = (await client.timeout(2_000).emitWithAck('heartbeat', { instances: [instance('orders', 'o-1')] })) as InstancesResponse;
    expect(viaIo.responseStatus.errorCode).toBe('no-permission');
    // The lease was never renewed by the blocked caller.
    expect(node.engine.store.lease('orders', 'o-1')?.renewalTime).toBe(node.engine.store.lease('orders', 'o-1')?.creationTime);
    // Subscriptions are another list.
    expect(((await client.timeout(2_000).emitWithAck('subscribe', subscription({ serviceIds: ['orders'] }))) as SubscribeReply).responseStatus.errorCode).toBe('success');
    expect(node.http.push.stats.blockedRequests).toBe(1);
  });

  it('refuses socket.io subscriptions from an address on the change lists', async () => {
    await using node = await startNode({}, blockedIps({ instanceChange: ['127.0.0.1'], allInstanceChange: ['127.0.0.1'] }));
    await using client = await openIo(node.url);
    const byId = (await client.timeout(2_000).emitWithAck('subscribe', subscription({ serviceIds: ['orders'] }))) as SubscribeReply;
    expect(byId.responseStatus).toEqual({ errorCode: 'no-permission', message: '127.0.0.1 is blocked from change subscriptions (push.blockedIps.instanceChange)', status: 'fail' });
    const all = (await client.timeout(2_000).emitWithAck('subscribe', subscription({ all: true }))) as SubscribeReply;
    expect(all.responseStatus).toMatchObject({ errorCode: 'no-permission', message: expect.stringContaining('push.blockedIps.allInstanceChange') as unknown });
    expect(node.http.push.stats.subscriptions).toBe(0);
    expect((await client.timeout(2_000).emitWithAck('heartbeat', { instances: [instance('orders', 'o-1')] })).responseStatus.errorCode).toBe('partial_fail');
  });

  it('lets an address blocked only from all changes subscribe by service', async () => {
    await using node = await startNode({}, blockedIps({ allInstanceChange: ['127.0.0.1'] }));
    await using client = await openIo(node.url);
    expect(((await client.timeout(2_000).emitWithAck('subscribe', subscription({ serviceIds: ['orders'] }))) as SubscribeReply).responseStatus.errorCode).toBe('success');
    expect(((await client.timeout(2_000).emitWithAck('subscribe', subscription({ all: true }))) as SubscribeReply).responseStatus.errorCode).toBe('no-permission');
  });
});
