import { describe, expect, it } from '@jest/globals';
import { type InstancesResponse, type SubscribeReply } from '@artemis/core';
import { instance, startNode } from './fixtures.js';
import { openIo, subscription } from './push-clients.js';

describe('the identifier rule on socket.io', () => {
  it('refuses subscriptions and heartbeats naming ids with a lone surrogate or a control character', async () => {
    await using node = await startNode();
    await using client = await openIo(node.url);
    for (const bad of ['svc-\udc00', 'svc-\u0000', 'svc-\u0085']) {
      const byId = (await client.timeout(2_000).emitWithAck('subscribe', subscription({ serviceIds: [bad] }))) as SubscribeReply;
      expect(byId.responseStatus).toMatchObject({ errorCode: 'bad-request', message: expect.stringMatching(/^serviceIds\[0\]: /) as unknown });
      const byConfig = (await client.timeout(2_000).emitWithAck('subscribe', subscription({ discoveryConfigs: [{ serviceId: bad }] }))) as SubscribeReply;
      expect(byConfig.responseStatus.errorCode).toBe('bad-request');
      const heartbeat = (await client.timeout(2_000).emitWithAck('heartbeat', { instances: [instance('svc', bad)] })) as InstancesResponse;
      expect(heartbeat.responseStatus.errorCode).toBe('bad-request');
    }
    expect(node.http.push.stats.subscriptions).toBe(0);
  });
});
