import { request } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { instance, startNode } from './fixtures.js';

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe.each([
  ['on the fast lane', true],
  ['through node:http', false],
])('graceful close %s', (_, fastLane) => {
  it('finishes a request in flight, then refuses new connections', async () => {
    const node = await startNode({}, { fastLane });
    const body = JSON.stringify({ instances: [instance('orders', 'o-1')] });
    const lane = node.http.fastLane;
    const arrived = lane === null ? new Promise((resolve) => node.http.server.once('request', resolve)) : until(() => lane.requestsInFlight === 1);
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(new URL(Paths.registry.register, node.url), { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      // Half the body now, the rest after close() has begun.
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 100);
    });
    // Close only once the server has the request, whatever the machine's load.
    await arrived;
    const closed = node.http.close(5_000);
    expect(await answered).toBe(200);
    await closed;
    expect(node.engine.store.size).toBe(1);
    await expect(fetch(new URL(Paths.health.live, node.url))).rejects.toThrow();
    node.engine.stop();
  });
});
