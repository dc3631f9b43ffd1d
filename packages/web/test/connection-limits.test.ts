import { connect, type Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { addressKey, effectiveConnectionLimits, openFileLimit } from '../src/http/connection-limits.js';
import { NodeMetrics } from '../src/index.js';
import { instance, startNode, TEST_ADMIN_TOKEN, type TestNode } from './fixtures.js';
import { post, send } from './http-client.js';
import { scrape } from './metrics-scrape.js';

/*
 * Every client of these tests is on loopback; Linux routes all of 127.0.0.0/8 there, so
 * binding a client to 127.0.0.2 or 127.0.0.3 makes it another remote address for the node.
 */
const ATTACKER = '127.0.0.2';
const OTHER = '127.0.0.3';

function portOf(node: TestNode): number {
  return Number(new URL(node.url).port);
}

/** A connection from `localAddress`, once connected. */
function open(node: TestNode, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: portOf(node), localAddress });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Slowloris: headers that never end. */
async function trickleHeaders(node: TestNode, localAddress: string): Promise<Socket> {
  const socket = await open(node, localAddress);
  socket.on('error', () => undefined);
  socket.write(`POST ${Paths.registry.register} HTTP/1.1\r\nHost: artemis\r\nX-Slow: `);
  return socket;
}

/** A chunked body that never ends. */
async function endlessChunkedBody(node: TestNode, localAddress: string): Promise<Socket> {
  const socket = await open(node, localAddress);
  socket.on('error', () => undefined);
  socket.write(`POST ${Paths.registry.register} HTTP/1.1\r\nHost: artemis\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n`);
  return socket;
}

/** Sends a whole registration over a fresh connection from `localAddress` and reads everything until the node closes it. */
async function registerFrom(node: TestNode, localAddress: string, serviceId: string): Promise<string> {
  const socket = await open(node, localAddress);
  const body = JSON.stringify({ instances: [instance(serviceId, `${serviceId}-1`)] });
  return new Promise((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.once('close', () => resolve(text));
    socket.once('error', reject);
    socket.write(
      `POST ${Paths.registry.register} HTTP/1.1\r\nHost: artemis\r\nConnection: close\r\nAuthorization: Bearer ${TEST_ADMIN_TOKEN}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}

/** Waits (bounded by the test's timeout) until the node has counted what the test opened. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

function answerOf(raw: string): { status: string; body: unknown } {
  const [head = '', body = ''] = raw.split('\r\n\r\n', 2);
  return { status: head.split('\r\n', 1)[0] ?? '', body: body === '' ? null : JSON.parse(body) };
}

describe('connection limits', () => {
  it('bounds slow connections (trickled headers, endless chunked bodies) per address: the next one from there gets 429 unserved, other clients are served', async () => {
    await using node = await startNode({}, { connections: { maxConnections: 100, maxConnectionsPerAddress: 20 } });
    const slow: Socket[] = [];
    for (let i = 0; i < 10; i++) slow.push(await trickleHeaders(node, ATTACKER), await endlessChunkedBody(node, ATTACKER));
    await until(() => node.http.connections.openFrom(ATTACKER) === 20);
    const rawRefusal = await registerFrom(node, ATTACKER, 'refused');
    expect(rawRefusal).toContain('\r\nRetry-After: 1\r\n');
    expect(rawRefusal).toContain('\r\nX-Content-Type-Options: nosniff\r\n');
    const refused = answerOf(rawRefusal);
    expect(refused).toEqual({
      status: 'HTTP/1.1 429 Too Many Requests',
      body: { responseStatus: { errorCode: 'rate-limited', message: `${ATTACKER} has its maximum of 20 connections open (http.maxConnectionsPerAddress)`, status: 'fail' } },
    });
    // Refused before any parsing: the registration it carried was not served.
    expect(node.engine.store.size).toBe(0);
    expect(node.http.connections.refused).toBe(1);
    // Everyone else is served: over a fresh connection, from another address, on every path.
    expect((await post(node.url, Paths.registry.register, { instances: [instance('orders', 'orders-1')] })).json()).toMatchObject({ responseStatus: { errorCode: 'success' } });
    expect(answerOf(await registerFrom(node, OTHER, 'payments')).status).toBe('HTTP/1.1 200 OK');
    expect((await send(node.url, { path: '/health/live' })).status).toBe(200);
    expect(node.engine.store.size).toBe(2);
    // The slow ones are still held (their timeouts cut them later); once they go, the address is served again.
    expect(slow.every((socket) => !socket.destroyed)).toBe(true);
    for (const socket of slow) socket.destroy();
    await until(() => node.http.connections.openFrom(ATTACKER) === 0);
    expect(answerOf(await registerFrom(node, ATTACKER, 'later')).status).toBe('HTTP/1.1 200 OK');
    expect(node.engine.store.size).toBe(3);
  });

  it('bounds all connections together: past maxConnections a new one gets 503, and the node serves again once some close', async () => {
    await using node = await startNode({}, { connections: { maxConnections: 12, maxConnectionsPerAddress: 8 } });
    const attacker: Socket[] = [];
    const other: Socket[] = [];
    for (let i = 0; i < 8; i++) attacker.push(await trickleHeaders(node, ATTACKER));
    for (let i = 0; i < 4; i++) other.push(await trickleHeaders(node, OTHER));
    await until(() => node.http.connections.open === 12);
    const refused = answerOf(await registerFrom(node, '127.0.0.4', 'refused'));
    expect(refused).toEqual({
      status: 'HTTP/1.1 503 Service Unavailable',
      body: { responseStatus: { errorCode: 'service-unavailable', message: 'the node has its maximum of 12 connections open (http.maxConnections)', status: 'fail' } },
    });
    expect(node.engine.store.size).toBe(0);
    for (const socket of other) socket.destroy();
    await until(() => node.http.connections.open === 8);
    expect(answerOf(await registerFrom(node, '127.0.0.4', 'orders')).status).toBe('HTTP/1.1 200 OK');
    for (const socket of attacker) socket.destroy();
  });

  it('counts push sessions as connections of their address', async () => {
    await using node = await startNode({}, { connections: { maxConnections: 100, maxConnectionsPerAddress: 2 } });
    const { WebSocket } = await import('ws');
    const wsUrl = `${node.url.replace(/^http/, 'ws')}${Paths.ws.instanceChange}`;
    const opened = (): Promise<string> =>
      new Promise((resolve) => {
        const ws = new WebSocket(wsUrl, { localAddress: ATTACKER });
        ws.once('open', () => resolve('open'));
        ws.once('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
        ws.once('error', (error) => resolve(error.message));
        sessions.push(ws);
      });
    const sessions: InstanceType<typeof WebSocket>[] = [];
    expect([await opened(), await opened()]).toEqual(['open', 'open']);
    expect(await opened()).toBe('429');
    expect((await send(node.url, { path: '/health/live' })).status).toBe(200);
    for (const ws of sessions) ws.close();
  });

  it('shows open and refused connections in the metrics', async () => {
    await using node = await startNode({}, { connections: { maxConnections: 100, maxConnectionsPerAddress: 1 }, observability: { metrics: new NodeMetrics({ defaultMetrics: false }) } });
    const held = await trickleHeaders(node, ATTACKER);
    await until(() => node.http.connections.openFrom(ATTACKER) === 1);
    expect(answerOf(await registerFrom(node, ATTACKER, 'refused')).status).toBe('HTTP/1.1 429 Too Many Requests');
    const metrics = await scrape(node.url);
    expect(metrics.value('artemis_http_connections_refused_total', { reason: 'address' })).toBe(1);
    expect(metrics.value('artemis_http_connections_refused_total', { reason: 'capacity' })).toBe(0);
    // The held one and the scrape's own.
    expect(metrics.value('artemis_http_connections')).toBe(2);
    held.destroy();
  });

  it('counts IPv4-mapped addresses as IPv4 and IPv6 by /64', () => {
    expect(addressKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('lowers maxConnections to fit the open-file limit', () => {
    const limits = { maxConnections: 20_000, maxConnectionsPerAddress: 5_000 };
    expect(openFileLimit(() => 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 4096                 files\n')).toBe(1024);
    expect(openFileLimit(() => 'Max open files            unlimited            unlimited            files\n')).toBeNull();
    expect(openFileLimit(() => '')).toBeNull();
    expect(effectiveConnectionLimits(limits, 1024)).toEqual({ maxConnections: 768, maxConnectionsPerAddress: 768 });
    expect(effectiveConnectionLimits(limits, 1_048_576)).toEqual(limits);
    expect(effectiveConnectionLimits(limits, null)).toEqual(limits);
  });

  it('warns when it lowers a limit the operator chose, and only notes it for the default', async () => {
    const lines: { level: string; event: unknown }[] = [];
    const record = (level: string) => (_message: string, fields?: Record<string, unknown>) => void lines.push({ level, event: fields?.['event'] });
    const logger = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
    const lowered = () => lines.filter((line) => line.event === 'connection-limit-lowered').map((line) => line.level);
    // 10,000,000 is above any open-file limit a test machine has.
    await using chosen = await startNode({}, { logger, connections: { maxConnections: 10_000_000, maxConnectionsPerAddress: 5_000 } });
    expect(chosen.url).toMatch(/^http:/);
    expect(lowered()).toEqual(openFileLimit() === null ? [] : ['warn']);
    lines.length = 0;
    await using defaults = await startNode({}, { logger });
    expect(defaults.url).toMatch(/^http:/);
    expect(lowered()).not.toContain('warn');
  });
});
