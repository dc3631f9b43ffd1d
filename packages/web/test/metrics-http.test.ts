import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { ManualClock } from '@artemis/server/testing';
import { NodeMetrics } from '../src/index.js';
import { instance, startNode } from './fixtures.js';
import { post, send } from './http-client.js';
import { hasPromtool, promtoolCheck, scrape } from './metrics-scrape.js';
import { openWs } from './push-clients.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const metricsOff = () => ({ observability: { metrics: new NodeMetrics({ defaultMetrics: false }) } });

describe('GET /metrics', () => {
  it('is a 404 when the node has no metrics', async () => {
    await using node = await startNode();
    expect((await send(node.url, { path: '/metrics' })).status).toBe(404);
  });

  it('serves the text format with the process metrics and the registry metrics', async () => {
    await using node = await startNode({}, { observability: { metrics: new NodeMetrics() } });
    const metrics = await scrape(node.url);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4; charset=utf-8$/);
    for (const name of ['process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'artemis_registrations_total', 'artemis_heartbeats_total', 'artemis_services', 'artemis_instances', 'artemis_push_sessions']) {
      expect(metrics.text).toContain(`# TYPE ${name} `);
    }
  });

  it('moves with registrations, heartbeats, unregistrations and expiries over real HTTP', async () => {
    const clock = new ManualClock();
    await using node = await startNode({ clock, scheduler: clock, selfPreservation: { enabled: false } }, metricsOff());
    const before = await scrape(node.url);
    expect(before.value('artemis_registrations_total')).toBe(0);
    await post(node.url, Paths.registry.register, { instances: [instance('orders', 'o-1'), instance('orders', 'o-2'), instance('billing', 'b-1', { status: 'starting' })] });
    await post(node.url, Paths.registry.heartbeat, { instances: [instance('orders', 'o-1'), instance('orders', 'ghost')] });
    await post(node.url, Paths.registry.heartbeat, { instances: [instance('orders', 'o-2')] });
    await post(node.url, Paths.registry.unregister, { instances: [instance('orders', 'o-2')] });
    let metrics = await scrape(node.url);
    expect(metrics.value('artemis_registrations_total')).toBe(3);
    expect(metrics.value('artemis_heartbeats_total', { result: 'renewed' })).toBe(2);
    expect(metrics.value('artemis_heartbeats_total', { result: 'unknown' })).toBe(1);
    expect(metrics.value('artemis_unregistrations_total')).toBe(1);
    expect(metrics.value('artemis_services')).toBe(2);
    expect(metrics.value('artemis_instances', { status: 'up' })).toBe(1);
    expect(metrics.value('artemis_instances', { status: 'starting' })).toBe(1);
    expect(metrics.value('artemis_lease_expirations_total')).toBe(0);

    clock.advance(21_000);
    node.engine.cleanLeases();
    metrics = await scrape(node.url);
    expect(metrics.value('artemis_lease_expirations_total')).toBe(2);
    expect(metrics.value('artemis_instances')).toBe(0);
    expect(metrics.value('artemis_services')).toBe(0);
    expect(metrics.value('artemis_self_preservation_active')).toBe(0);
  });

  it('times every protocol request, the lean paths included, by route, method and code', async () => {
    await using node = await startNode({}, metricsOff());
    await post(node.url, Paths.registry.register, { instances: [instance('orders', 'o-1')] });
    await send(node.url, { path: `${Paths.discovery.service}?serviceId=orders&regionId=default` });
    await send(node.url, { path: `${Paths.discovery.service}?serviceId=orders&regionId=default` });
    await send(node.url, { path: Paths.registry.register, rawBody: '{', headers: { 'content-type': 'application/json' } });
    await send(node.url, { path: Paths.status.node });
    await send(node.url, { path: Paths.registry.register, method: 'PUT' });
    await send(node.url, { path: Paths.registry.register, method: 'DELETE' });
    const metrics = await scrape(node.url);
    const count = (route: string, method: string, code: string) => metrics.value('artemis_http_request_duration_seconds_count', { route, method, code });
    expect(count(Paths.registry.register, 'POST', '200')).toBe(1);
    expect(count(Paths.registry.register, 'POST', '400')).toBe(1);
    expect(count(Paths.discovery.service, 'GET', '200')).toBe(2);
    expect(count(Paths.status.node, 'GET', '200')).toBe(1);
    expect(count(Paths.registry.register, 'OTHER', '405')).toBe(2);
    expect(metrics.value('artemis_http_request_duration_seconds_bucket', { route: Paths.discovery.service, method: 'GET', code: '200', le: '+Inf' })).toBe(2);
    expect(metrics.value('artemis_http_request_duration_seconds_sum', { route: Paths.discovery.service })).toBeGreaterThan(0);
  });

  it('counts push sessions, pushes and fan-outs', async () => {
    await using node = await startNode({}, metricsOff());
    await using client = await openWs(node.url, Paths.ws.instanceChange);
    client.send({ serviceId: 'orders' });
    await sleep(50);
    expect((await scrape(node.url)).value('artemis_push_sessions', { channel: 'instanceChange' })).toBe(1);
    await post(node.url, Paths.registry.register, { instances: [instance('orders', 'o-1')] });
    await client.next();
    const metrics = await scrape(node.url);
    expect(metrics.value('artemis_push_total', { channel: 'instanceChange', result: 'delivered' })).toBe(1);
    expect(metrics.value('artemis_push_fanout_seconds_count')).toBe(1);
  });

  (hasPromtool() ? it : it.skip)('passes promtool check metrics after real traffic', async () => {
    await using node = await startNode({}, { observability: { metrics: new NodeMetrics() } });
    await post(node.url, Paths.registry.register, { instances: [instance('orders', 'o-1')] });
    await post(node.url, Paths.registry.heartbeat, { instances: [instance('orders', 'o-1')] });
    await send(node.url, { path: `${Paths.discovery.service}?serviceId=orders&regionId=default` });
    promtoolCheck((await scrape(node.url)).text);
  });
});
