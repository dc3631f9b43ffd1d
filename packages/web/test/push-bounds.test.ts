import { request } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { Paths, type SubscribeReply } from '@artemis/core';
import { startNode, type TestNode } from './fixtures.js';
import { openIo, openWs, subscription, type TestWs } from './push-clients.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** Subscribes a Java change session to `count` services; resolves with the error frames it got. */
async function subscribeWs(ws: TestWs, prefix: string, count: number): Promise<{ errorCode: string; message: string }[]> {
  for (let n = 0; n < count; n++) ws.send({ serviceId: `${prefix}-${n}`, regionId: 'default', zoneId: 'zone-a' });
  // A ping round trip: every subscription frame before it has been handled.
  await new Promise<void>((resolve) => ws.ws.ping(undefined, undefined, () => ws.ws.once('pong', () => resolve())));
  await sleep(20);
  return ws.pending.splice(0).map((frame) => (frame as { responseStatus: { errorCode: string; message: string } }).responseStatus);
}

/** Attempts a WebSocket handshake; resolves with the HTTP status and body of a refusal, or 101. */
function handshake(node: TestNode, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, node.url), { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve({ status: 101, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('push session and subscription bounds', () => {
  it('bounds the services one Java change session subscribes to, and gives them back when it closes', async () => {
    await using node = await startNode({}, { push: { maxSubscriptionsPerSession: 100 } });
    const ws = await openWs(node.url, Paths.ws.instanceChange);
    const errors = await subscribeWs(ws, 'svc', 105);
    expect(errors).toHaveLength(5);
    expect(errors[0]).toEqual({ errorCode: 'bad-request', message: 'a session may subscribe to at most 100 services (push.maxSubscriptionsPerSession); this one has 100 and asked for 1 more', status: 'fail' } as never);
    // Repeats of a subscription held are not counted again.
    expect(await subscribeWs(ws, 'svc', 10)).toEqual([]);
    expect(node.http.push.stats.subscriptions).toBe(100);
    ws.ws.close();
    await until(() => node.http.push.stats.subscriptions === 0);
  });

  it('bounds the subscriptions of all sessions together', async () => {
    await using node = await startNode({}, { push: { maxSubscriptions: 150 } });
    await using first = await openWs(node.url, Paths.ws.instanceChange);
    await using second = await openWs(node.url, Paths.ws.instanceChange);
    expect(await subscribeWs(first, 'a', 100)).toEqual([]);
    const refused = await subscribeWs(second, 'b', 100);
    expect(refused).toHaveLength(50);
    expect(refused[0]?.errorCode).toBe('service-unavailable');
    expect(refused[0]?.message).toMatch(/maximum of 150 subscriptions \(push.maxSubscriptions\)/);
    expect(node.http.push.stats.subscriptions).toBe(150);
  });

  it('acknowledges a socket.io subscription with what changed, not the whole subscription, and bounds it', async () => {
    await using node = await startNode({}, { push: { maxSubscriptionsPerSession: 500 } });
    await using client = await openIo(node.url);
    const sizes: number[] = [];
    for (let round = 0; round < 5; round++) {
      const serviceIds = Array.from({ length: 100 }, (_, n) => `svc-${round}-${n}`);
      const reply = (await client.timeout(2_000).emitWithAck('subscribe', subscription({ serviceIds }))) as SubscribeReply;
      sizes.push(reply.serviceIds.length);
      expect(reply.subscriptionCount).toBe((round + 1) * 100);
    }
    expect(sizes).toEqual([100, 100, 100, 100, 100]);
    const again = (await client.timeout(2_000).emitWithAck('subscribe', subscription({ serviceIds: ['svc-0-0', 'svc-0-1'] }))) as SubscribeReply;
    expect(again.serviceIds).toEqual([]);
    const over = (await client.timeout(2_000).emitWithAck('subscribe', subscription({ serviceIds: ['one-more'] }))) as SubscribeReply;
    expect(over.responseStatus).toMatchObject({ errorCode: 'bad-request', message: expect.stringMatching(/at most 500 services/) as unknown });
    expect(node.http.push.stats.subscriptions).toBe(500);
    client.disconnect();
    await until(() => node.http.push.stats.subscriptions === 0);
  });

  it('bounds the push sessions one address may open, on every channel, with the refusal in the protocol shape', async () => {
    await using node = await startNode({}, { push: { maxSessionsPerAddress: 3 } });
    const first = await openWs(node.url, Paths.ws.heartbeat);
    await using _second = await openWs(node.url, Paths.ws.instanceChange);
    await using _third = await openIo(node.url);
    const refused = await handshake(node, Paths.ws.allInstanceChange);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toEqual({ responseStatus: { errorCode: 'rate-limited', message: '127.0.0.1 has its maximum of 3 push sessions open (push.maxSessionsPerAddress)', status: 'fail' } });
    await expect(openIo(node.url)).rejects.toThrow(/maximum of 3 push sessions/);
    expect(node.http.push.stats.refusedSessions).toBe(2);
    await first[Symbol.asyncDispose]();
    await until(() => node.http.push.stats.sessions.heartbeat === 0);
    await sleep(20);
    expect((await handshake(node, Paths.ws.allInstanceChange)).status).toBe(101);
  });
});
