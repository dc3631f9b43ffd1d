import { describe, expect, it } from '@jest/globals';
import { Paths, type GetLeasesResponse, type GetServiceResponse } from '@artemis/core';
import { instance, startNode, type TestNode } from './fixtures.js';
import { post, send } from './http-client.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fleet = Array.from({ length: 60 }, (_, n) => instance('orders', `o-${n}`));

/** A node with short leases and a short window, so that expiry and the check play out in seconds. */
function shortNode(): Promise<TestNode> {
  return startNode({
    lease: { ttlMs: 5_000, cleanIntervalMs: 50 },
    selfPreservation: { windowMs: 2_000 },
    rateLimits: { registry: { enabled: false }, status: { enabled: false } },
  });
}

async function heartbeat(node: TestNode, instances: unknown[]): Promise<void> {
  await post(node.url, Paths.registry.heartbeat, { instances });
}

async function served(node: TestNode): Promise<string[]> {
  const body = (await post(node.url, Paths.discovery.service, { discoveryConfig: { serviceId: 'orders', regionId: 'default', zoneId: 'zone-a' }, regionId: 'default', zoneId: 'zone-a' })).json<GetServiceResponse>();
  return (body.service?.instances ?? []).map((i) => i.instanceId as string);
}

async function leases(node: TestNode): Promise<GetLeasesResponse> {
  return (await send(node.url, { path: `${Paths.status.leases}?appIds=none` })).json<GetLeasesResponse>();
}

describe('self-preservation on a running node', () => {
  it('expires a dead instance after a burst of renewals from one client', async () => {
    await using node = await shortNode();
    await post(node.url, Paths.registry.register, { instances: fleet });
    for (let n = 0; n < 8; n++) {
      await sleep(400);
      await heartbeat(node, fleet);
    }
    // 100,000 renewals of the caller's own ten instances, as fast as the node takes them.
    const own = fleet.slice(1, 11);
    const batch = Array.from({ length: 1000 }, (_, n) => own[n % own.length]);
    // o-0 dies as the burst starts; the rest keep renewing.
    const alive = fleet.slice(1);
    let bursting = true;
    const renewing = (async () => {
      while (bursting) {
        await heartbeat(node, alive);
        await sleep(300);
      }
    })();
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let n = 0; n < 25; n++) await heartbeat(node, batch);
    }));
    bursting = false;
    await renewing;
    let gone = false;
    for (let n = 0; n < 80 && !gone; n++) {
      await heartbeat(node, alive);
      gone = !(await served(node)).includes('o-0');
      if (!gone) await sleep(250);
    }
    expect(gone).toBe(true);
    const status = await leases(node);
    expect(status.isSafe).toBe(true);
    expect(status.leaseUpdateMaxCount).toBeLessThanOrEqual(60);
    expect(status.selfPreservation).toMatchObject({ since: null, reason: null, percentageThreshold: 85, windowMs: 2_000 });
  }, 30_000);

  it('stays safe while one client renews every instance as fast as it can, then slowly', async () => {
    await using node = await shortNode();
    const many = Array.from({ length: 1000 }, (_, n) => instance('orders', `m-${n}`));
    await post(node.url, Paths.registry.register, { instances: many });
    const safe: boolean[] = [];
    const until = (ms: number) => Date.now() + ms;
    // As fast as it can for two windows...
    for (const end = until(6_000); Date.now() < end; ) {
      await Promise.all([heartbeat(node, many), heartbeat(node, many)]);
      safe.push(node.engine.selfPreservation.state().isSafe);
    }
    // ...then every 800 ms for four windows: each lease still renewed well within its TTL.
    for (const end = until(9_000); Date.now() < end; ) {
      await heartbeat(node, many);
      await sleep(800);
      safe.push(node.engine.selfPreservation.state().isSafe);
    }
    expect(safe.every((value) => value)).toBe(true);
    const status = await leases(node);
    expect(status).toMatchObject({ isSafe: true, leaseCount: 1000, leaseUpdateCountLastTimeWindow: 1000 });
  }, 30_000);

  it('explains in leases.json why the node is preserving leases', async () => {
    await using node = await shortNode();
    await post(node.url, Paths.registry.register, { instances: fleet });
    for (let n = 0; n < 8; n++) {
      await sleep(400);
      await heartbeat(node, fleet);
    }
    const before = Date.now();
    let status = await leases(node);
    for (let n = 0; n < 40 && status.isSafe; n++) {
      await sleep(250);
      status = await leases(node);
    }
    expect(status.isSafe).toBe(false);
    expect(status.selfPreservation?.expected).toBe(60);
    expect(status.selfPreservation?.actual).toBeLessThan(51);
    expect(status.selfPreservation?.since).toBeGreaterThanOrEqual(before - 1_000);
    expect(status.selfPreservation?.reason).toMatch(/of the 60 leases expected renewed within 2 s, below 85 %/);
    expect(await served(node)).toHaveLength(60);
  }, 30_000);
});
