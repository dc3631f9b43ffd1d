import { describe, expect, it, jest } from '@jest/globals';
import { Paths } from '@artemis/core';
import type { DiscoveryFilter } from '@artemis/server';
import { ManualClock } from '@artemis/server/testing';
import { NodeMetrics } from '../src/index.js';
import { instance, startNode, type TestNode } from './fixtures.js';
import { cachedAnswers, type Answers } from './cached-answers.js';
import { post, send } from './http-client.js';
import { scrape } from './metrics-scrape.js';

const here = { regionId: 'default', zoneId: 'zone-a' };
const lookupRequest = { discoveryConfigs: [{ serviceId: 'orders', ...here }, { serviceId: 'billing', ...here }, { serviceId: 'missing', ...here }], ...here };
const serviceRequest = { discoveryConfig: { serviceId: 'orders', ...here }, ...here };

const { answers, fresh, warmed, expectChanged: expectBoth } = cachedAnswers(lookupRequest, serviceRequest);

/** Asserts that the answers now are the fresh ones and that `which` differs from `before`. */
function expectChanged(node: TestNode, before: Answers, which: keyof Answers = 'lookup'): Promise<void> {
  return expectBoth(node, before, [which]);
}

function register(node: TestNode, ...instances: ReturnType<typeof instance>[]): Promise<unknown> {
  return post(node.url, Paths.registry.register, { instances });
}

// What the node answered to bad bodies before the answer cache (read from a build without it).
const badBodies: [kind: 'lookup' | 'service', body: string, status: number, answer: string][] = [
  ["lookup", "{\"discoveryConfigs\":[", 400, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"malformed JSON: Unexpected end of JSON input\",\"status\":\"fail\"}}"],
  ["lookup", "null", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"request: the body must be a JSON object\",\"status\":\"fail\"}}"],
  ["lookup", "", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"request.discoveryConfigs is null or empty.\",\"status\":\"fail\"},\"services\":null}"],
  ["lookup", "[]", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"request: the body must be a JSON object\",\"status\":\"fail\"}}"],
  ["lookup", "{}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"request.discoveryConfigs is null or empty.\",\"status\":\"fail\"},\"services\":null}"],
  ["lookup", "{\"discoveryConfigs\":[]}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"request.discoveryConfigs is null or empty.\",\"status\":\"fail\"},\"services\":null}"],
  ["lookup", "{\"discoveryConfigs\":\"x\"}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"discoveryConfigs: Invalid input: expected array, received string\",\"status\":\"fail\"}}"],
  ["lookup", "{\"discoveryConfigs\":[{\"serviceId\":\"a\"}],\"regionId\":\"other\"}", 200, "{\"responseStatus\":{\"errorCode\":\"success\",\"message\":\"\",\"status\":\"success\"},\"services\":[{\"instances\":null,\"logicInstances\":null,\"metadata\":null,\"routeRules\":null,\"serviceId\":\"a\"}]}"],
  ["lookup", "{\"discoveryConfig\":{\"serviceId\":\"a\"},\"regionId\":\"other\"}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"request.discoveryConfigs is null or empty.\",\"status\":\"fail\"},\"services\":null}"],
  ["lookup", "{\"discoveryConfig\":{\"serviceId\":\" \"},\"regionId\":\"default\"}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"request.discoveryConfigs is null or empty.\",\"status\":\"fail\"},\"services\":null}"],
  ["lookup", "{\"discoveryConfig\":{\"serviceId\":5}}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"request.discoveryConfigs is null or empty.\",\"status\":\"fail\"},\"services\":null}"],
  ["service", "{\"discoveryConfigs\":[", 400, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"malformed JSON: Unexpected end of JSON input\",\"status\":\"fail\"}}"],
  ["service", "null", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"request: the body must be a JSON object\",\"status\":\"fail\"}}"],
  ["service", "", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"Request is null or request.discoveryConfig is null.\",\"status\":\"fail\"},\"service\":null}"],
  ["service", "[]", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"request: the body must be a JSON object\",\"status\":\"fail\"}}"],
  ["service", "{}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"Request is null or request.discoveryConfig is null.\",\"status\":\"fail\"},\"service\":null}"],
  ["service", "{\"discoveryConfigs\":[]}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"Request is null or request.discoveryConfig is null.\",\"status\":\"fail\"},\"service\":null}"],
  ["service", "{\"discoveryConfigs\":\"x\"}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"Request is null or request.discoveryConfig is null.\",\"status\":\"fail\"},\"service\":null}"],
  ["service", "{\"discoveryConfigs\":[{\"serviceId\":\"a\"}],\"regionId\":\"other\"}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"Request is null or request.discoveryConfig is null.\",\"status\":\"fail\"},\"service\":null}"],
  ["service", "{\"discoveryConfig\":{\"serviceId\":\"a\"},\"regionId\":\"other\"}", 200, "{\"responseStatus\":{\"errorCode\":\"no-permission\",\"message\":\"regionId is not the same as the discovery node. regionId: other, discovery node.regionId: default\",\"status\":\"fail\"},\"service\":null}"],
  ["service", "{\"discoveryConfig\":{\"serviceId\":\" \"},\"regionId\":\"default\"}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"Request is null or request.discoveryConfig is null.\",\"status\":\"fail\"},\"service\":null}"],
  ["service", "{\"discoveryConfig\":{\"serviceId\":5}}", 200, "{\"responseStatus\":{\"errorCode\":\"bad-request\",\"message\":\"discoveryConfig.serviceId: Invalid input: expected string, received number\",\"status\":\"fail\"}}"],
];

describe('answer cache of lookup.json and service.json', () => {
  it('answers a repeated body from the cache, byte for byte as a fresh node answers it', async () => {
    await using node = await startNode();
    await register(node, instance('orders', 'o-1'), instance('orders', 'o-2'), instance('billing', 'b-1'));
    const lookupBody = jest.spyOn(node.engine.discovery, 'lookupBody');
    const serviceBody = jest.spyOn(node.engine.discovery, 'getServiceBody');
    const first = await answers(node);
    expect([lookupBody.mock.calls.length, serviceBody.mock.calls.length]).toEqual([1, 1]);
    const second = await answers(node);
    const zipped = await post(node.url, Paths.discovery.lookup, lookupRequest, { headers: { 'accept-encoding': 'gzip' } });
    // Answered without computing them again.
    expect([lookupBody.mock.calls.length, serviceBody.mock.calls.length]).toEqual([1, 1]);
    expect(second).toEqual(first);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.text).toBe(first.lookup);

    await using other = await startNode();
    await register(other, instance('orders', 'o-1'), instance('orders', 'o-2'), instance('billing', 'b-1'));
    expect(await answers(other)).toEqual(first);
    expect(first).toEqual(fresh(node));
  });

  it('still shows cached requests to observers (request metrics)', async () => {
    await using node = await startNode({}, { observability: { metrics: new NodeMetrics({ defaultMetrics: false }) } });
    await register(node, instance('orders', 'o-1'));
    for (let i = 0; i < 3; i++) await answers(node);
    const metrics = await scrape(node.url);
    const count = (route: string) => metrics.value('artemis_http_request_duration_seconds_count', { route, method: 'POST', code: '200' });
    expect(count(Paths.discovery.lookup)).toBe(3);
    expect(count(Paths.discovery.service)).toBe(3);
  });

  it('never shares an entry between different bodies or between the two operations', async () => {
    await using node = await startNode();
    await register(node, instance('orders', 'o-1'), instance('billing', 'b-1'));
    const orders = await post(node.url, Paths.discovery.service, serviceRequest);
    const billing = await post(node.url, Paths.discovery.service, { ...serviceRequest, discoveryConfig: { serviceId: 'billing', ...here } });
    // The same request in other bytes (key order) is another entry with the same answer.
    const reordered = await send(node.url, { path: Paths.discovery.service, rawBody: JSON.stringify({ ...here, discoveryConfig: { ...here, serviceId: 'orders' } }) });
    expect(billing.text).not.toBe(orders.text);
    expect(reordered.text).toBe(orders.text);
    const body = JSON.stringify({ discoveryConfigs: [{ serviceId: 'orders', ...here }], discoveryConfig: { serviceId: 'billing', ...here }, ...here });
    const asLookup = await send(node.url, { path: Paths.discovery.lookup, rawBody: body });
    const asService = await send(node.url, { path: Paths.discovery.service, rawBody: body });
    expect(asLookup.json<{ services: { serviceId: string }[] }>().services.map((s) => s.serviceId)).toEqual(['orders']);
    expect(asService.json<{ service: { serviceId: string } }>().service.serviceId).toBe('billing');
    expect((await send(node.url, { path: Paths.discovery.lookup, rawBody: body })).text).toBe(asLookup.text);
    expect((await send(node.url, { path: Paths.discovery.service, rawBody: body })).text).toBe(asService.text);
    expect(node.engine.discovery.cachedAnswers.entries).toBe(5);
  });

  it('answers after a register, an unregister, a status change and a lease expiry what a fresh read answers', async () => {
    const clock = new ManualClock();
    await using node = await startNode({ clock, scheduler: clock, selfPreservation: { enabled: false } });
    await register(node, instance('orders', 'o-1'), instance('billing', 'b-1'));
    let before = await warmed(node);
    await register(node, instance('orders', 'o-2'));
    await expectChanged(node, before, 'service');

    before = await warmed(node);
    await post(node.url, Paths.registry.unregister, { instances: [instance('orders', 'o-2')] });
    await expectChanged(node, before, 'service');

    before = await warmed(node);
    await register(node, instance('orders', 'o-1', { status: 'down' }));
    await expectChanged(node, before, 'service');

    before = await warmed(node);
    clock.advance(10_000);
    await post(node.url, Paths.registry.heartbeat, { instances: [instance('orders', 'o-1')] });
    clock.advance(15_000);
    node.engine.cleanLeases();
    // billing-b1 expired; orders-o1 was renewed and stays.
    await expectChanged(node, before, 'lookup');
    expect((await answers(node)).service).toBe(before.service);
  });

  it('answers after a filter is added or its data changes (filter generation) what a fresh read answers', async () => {
    await using node = await startNode();
    await register(node, instance('orders', 'o-1'), instance('orders', 'o-2'), instance('billing', 'b-1'));
    let hidden = 'o-1';
    const filter: DiscoveryFilter = { name: 'hide-one', apply: (service) => ({ ...service, instances: service.instances?.filter((i) => i.instanceId !== hidden) ?? null }) };
    let before = await warmed(node);
    node.engine.discovery.filters.add(filter);
    await expectChanged(node, before, 'service');

    before = await warmed(node);
    hidden = 'o-2';
    node.engine.discovery.filters.invalidate();
    await expectChanged(node, before, 'service');
  });

  it('does not serve a cached answer while the node is not up', async () => {
    await using node = await startNode();
    await register(node, instance('orders', 'o-1'));
    const before = await warmed(node);
    node.engine.cluster.setState('starting');
    const now = await answers(node);
    expect(now.service).toContain('service-unavailable');
    expect(now.lookup).toContain('service-unavailable');
    node.engine.cluster.setState('up');
    expect(await answers(node)).toEqual(before);
  });

  it('keeps no answer to a body over 4 KiB, and holds at most its entries', async () => {
    await using node = await startNode();
    await register(node, instance('orders', 'o-1'));
    const padded = { ...lookupRequest, discoveryConfigs: Array.from({ length: 100 }, (_, i) => ({ serviceId: `service-${i}`, ...here })) };
    expect(Buffer.byteLength(JSON.stringify(padded))).toBeGreaterThan(4096);
    const big = await post(node.url, Paths.discovery.lookup, padded);
    expect(big.json<{ services: unknown[] }>().services).toHaveLength(100);
    expect((await post(node.url, Paths.discovery.lookup, padded)).text).toBe(big.text);
    expect(node.engine.discovery.cachedAnswers.entries).toBe(0);
    for (let i = 0; i < 12; i++) await post(node.url, Paths.discovery.service, { ...serviceRequest, discoveryConfig: { serviceId: `s-${i}`, ...here } });
    expect(node.engine.discovery.cachedAnswers.entries).toBe(12);
    expect(node.engine.discovery.cachedAnswers.bytes).toBeGreaterThan(0);
  });

  it('holds no more bytes than answerCacheMaxBytes, and none at 0 (the cache off), answering the same', async () => {
    await using small = await startNode({ answerCacheMaxBytes: 3_000 });
    await using off = await startNode({ answerCacheMaxBytes: 0 });
    for (const node of [small, off]) {
      await register(node, instance('orders', 'o-1'));
      for (let i = 0; i < 12; i++) await post(node.url, Paths.discovery.service, { ...serviceRequest, discoveryConfig: { serviceId: `s-${i}`, ...here } });
      expect(node.engine.discovery.cachedAnswers.bytes).toBeLessThanOrEqual(3_000);
      expect(await answers(node)).toEqual(await answers(node));
      expect(await answers(node)).toEqual(fresh(node));
    }
    expect(small.engine.discovery.cachedAnswers.entries).toBeGreaterThan(0);
    expect(small.engine.discovery.cachedAnswers.entries).toBeLessThan(14);
    expect(off.engine.discovery.cachedAnswers.entries).toBe(0);
  });

  it('answers malformed and invalid bodies exactly as before, and caches none of them', async () => {
    await using node = await startNode();
    for (const [kind, body, status, answer] of badBodies) {
      const path = kind === 'lookup' ? Paths.discovery.lookup : Paths.discovery.service;
      for (let i = 0; i < 2; i++) {
        const response = await send(node.url, { method: 'POST', path, rawBody: body, headers: { 'content-type': 'application/json' } });
        expect([kind, body, response.status, response.text]).toEqual([kind, body, status, answer]);
      }
    }
    // Only the one successful answer among them (a lookup from another region: empty services) is kept.
    expect(node.engine.discovery.cachedAnswers.entries).toBe(1);
  });
});
