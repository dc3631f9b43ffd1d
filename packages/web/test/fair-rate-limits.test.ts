import { request } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { Paths, type InstancesResponse } from '@artemis/core';
import { instance, startNode } from './fixtures.js';
import { post } from './http-client.js';
import { openWs, type TestWs } from './push-clients.js';

/** GETs `path` from a chosen loopback source address, as a distinct client. */
function getFrom(baseUrl: string, path: string, localAddress: string): Promise<{ errorCode: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { localAddress, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve((JSON.parse(text) as { responseStatus: { errorCode: string } }).responseStatus));
    });
    req.on('error', reject);
    req.end();
  });
}

async function replies(ws: TestWs, count: number): Promise<InstancesResponse[]> {
  const received: InstancesResponse[] = [];
  for (let n = 0; n < count; n++) received.push(await ws.next<InstancesResponse>(10_000));
  return received;
}

describe('fair rate limits', () => {
  it('keeps legitimate WebSocket heartbeats alive while another session floods the heartbeat channel', async () => {
    // A node-wide heartbeat budget of 2,000 per window; each session may use a quarter of it.
    await using node = await startNode({ rateLimits: { registry: { defaultLimit: 2_000 } } });
    await post(node.url, Paths.registry.register, { instances: [instance('flood', 'f-1'), instance('legit', 'l-1')] });
    await using attacker = await openWs(node.url, Paths.ws.heartbeat);
    await using legit = await openWs(node.url, Paths.ws.heartbeat);
    const flood = 3_000;
    for (let n = 0; n < flood; n++) attacker.send('{}');
    for (let n = 0; n < flood; n++) attacker.send({ instances: [instance('flood', 'f-1')] });
    const attackerReplies = await replies(attacker, 2 * flood);
    const empty = attackerReplies.slice(0, flood);
    expect(empty.every((reply) => reply.responseStatus.errorCode === 'bad-request')).toBe(true);
    const own = attackerReplies.slice(flood).map((reply) => reply.responseStatus.errorCode);
    expect(own.filter((code) => code === 'success')).toHaveLength(500);
    expect(own.filter((code) => code === 'rate-limited')).toHaveLength(flood - 500);

    const legitCodes: string[] = [];
    for (let n = 0; n < 24; n++) {
      legit.send({ instances: [instance('legit', 'l-1')] });
      legitCodes.push((await legit.next<InstancesResponse>()).responseStatus.errorCode);
    }
    expect(legitCodes).toEqual(Array.from({ length: 24 }, () => 'success'));
    expect(node.engine.rateLimiters.registry.refusedByClient).toBe(flood - 500);
  });

  it('answers a batch that fails validation without using the rate-limit budget', async () => {
    await using node = await startNode({ rateLimits: { registry: { defaultLimit: 4, perClient: { enabled: false } } } });
    for (let n = 0; n < 10; n++) {
      const reply = (await post(node.url, Paths.registry.heartbeat, { instances: [{ serviceId: '', instanceId: 'x' }] })).json<InstancesResponse>();
      expect(reply.responseStatus.errorCode).toBe('partial_fail');
      expect((await post(node.url, Paths.registry.heartbeat, { instances: [] })).json<InstancesResponse>().responseStatus.errorCode).toBe('bad-request');
    }
    await post(node.url, Paths.registry.register, { instances: [instance('a', 'a-1')] });
    const codes: string[] = [];
    for (let n = 0; n < 5; n++) codes.push((await post(node.url, Paths.registry.heartbeat, { instances: [instance('a', 'a-1')] })).json<InstancesResponse>().responseStatus.errorCode);
    expect(codes).toEqual(['success', 'success', 'success', 'success', 'rate-limited']);
  });

  it('does not let one address lock everyone out of cluster.json', async () => {
    await using node = await startNode();
    const flooder: string[] = [];
    for (let n = 0; n < 40; n++) flooder.push((await getFrom(node.url, Paths.status.cluster, '127.0.0.2')).errorCode);
    // A quarter of the node's 30 per window, then refused without touching the node's budget.
    expect(flooder.filter((code) => code === 'success')).toHaveLength(8);
    expect(flooder.slice(8).every((code) => code === 'rate-limited')).toBe(true);
    for (let n = 0; n < 5; n++) expect((await getFrom(node.url, Paths.status.cluster, '127.0.0.1')).errorCode).toBe('success');
    expect((await getFrom(node.url, Paths.status.cluster, '127.0.0.3')).errorCode).toBe('success');
  });

  it('tracks a bounded number of clients', async () => {
    await using node = await startNode({ rateLimits: { status: { perClient: { maxClients: 3 } } } });
    for (const address of ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6']) await getFrom(node.url, Paths.status.cluster, address);
    expect(node.engine.rateLimiters.status.trackedClients).toBe(3);
  });
});
