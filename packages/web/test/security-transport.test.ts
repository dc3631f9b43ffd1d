import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { WebSocket } from 'ws';
import { io } from 'socket.io-client';
import type { Caller, HttpSecurity } from '../src/index.js';
import { instance, startNode, TEST_ADMIN_TOKEN, testSecurity } from './fixtures.js';
import { post, send } from './http-client.js';

const SCOPED = 'art_scoped-token-for-orders-only-000';
const scoped: Caller = { principal: { name: 'token:orders-deployer', role: 'viewer', tokenId: 'scoped', tokenKind: 'api' }, expiresAt: null, serviceIds: ['orders'] };
const authenticate: HttpSecurity['authenticate'] = (secret) => (secret === SCOPED ? Promise.resolve(scoped) : testSecurity.authenticate(secret));
const register = (url: string, serviceId: string, token?: string) =>
  post(url, Paths.registry.register, { instances: [instance(serviceId, `${serviceId}-1`)] }, { anonymous: true, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

describe('registry auth (opt-in)', () => {
  it('is open by default: anyone can register any service', async () => {
    await using node = await startNode();
    expect((await register(node.url, 'victim')).json()).toMatchObject({ responseStatus: { errorCode: 'success' } });
  });

  it('with a registry token required, refuses anonymous writes and holds a scoped token to its services', async () => {
    await using node = await startNode({}, { security: { authenticate, registry: { requireToken: true } } });
    const anonymous = await register(node.url, 'orders');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(node.engine.store.size).toBe(0);
    expect((await register(node.url, 'orders', SCOPED)).json()).toMatchObject({ responseStatus: { errorCode: 'success' } });
    const outside = await register(node.url, 'payments', SCOPED);
    expect(outside.status).toBe(403);
    expect(outside.json()).toMatchObject({ responseStatus: { errorCode: 'no-permission' } });
    expect((await register(node.url, 'payments', TEST_ADMIN_TOKEN)).json()).toMatchObject({ responseStatus: { errorCode: 'success' } });
    expect(node.engine.store.size).toBe(2);
    // Discovery stays open.
    expect((await post(node.url, Paths.discovery.services, {}, { anonymous: true })).status).toBe(200);
  });

  it('with an allow list, refuses registry writes (and WebSocket and socket.io heartbeats) from other addresses', async () => {
    await using closed = await startNode({}, { security: { authenticate, registry: { allowIps: ['10.0.0.0/8'] } } });
    const refused = await register(closed.url, 'orders');
    expect(refused.status).toBe(403);
    expect(closed.engine.store.size).toBe(0);
    const ws = new WebSocket(`${closed.url.replace(/^http/, 'ws')}${Paths.ws.heartbeat}`);
    const failure = await new Promise<string>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.once('error', (error) => resolve(error.message));
      ws.once('open', () => resolve('open'));
    });
    expect(failure).toMatch(/403/);
    const discoveryWs = new WebSocket(`${closed.url.replace(/^http/, 'ws')}${Paths.ws.instanceChange}`);
    await new Promise<void>((resolve, reject) => {
      discoveryWs.once('open', () => resolve());
      discoveryWs.once('error', reject);
    });
    discoveryWs.close();
    // socket.io: heartbeats refused from the address, subscriptions on the same session served.
    const session = io(closed.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => {
        session.once('connect', () => resolve());
        session.once('connect_error', reject);
      });
      const heartbeat = (await session.timeout(2_000).emitWithAck('heartbeat', { instances: [instance('orders', 'orders-1')] })) as { responseStatus: { errorCode: string } };
      expect(heartbeat.responseStatus.errorCode).toBe('no-permission');
      const subscribed = (await session.timeout(2_000).emitWithAck('subscribe', { serviceIds: ['orders'], discoveryConfigs: null, all: false, sinceVersion: null })) as { responseStatus: { errorCode: string } };
      expect(subscribed.responseStatus.errorCode).toBe('success');
    } finally {
      session.disconnect();
    }
    await using allowed = await startNode({}, { security: { authenticate, registry: { allowIps: ['127.0.0.0/8', '::1'] } } });
    expect((await register(allowed.url, 'orders')).json()).toMatchObject({ responseStatus: { errorCode: 'success' } });
    const allowedSession = io(allowed.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      const renewed = (await allowedSession.timeout(2_000).emitWithAck('heartbeat', { instances: [instance('orders', 'orders-1')] })) as { responseStatus: { errorCode: string } };
      expect(renewed.responseStatus.errorCode).toBe('success');
    } finally {
      allowedSession.disconnect();
    }
  });

  it('with auth disabled, protected routes answer anyone', async () => {
    await using node = await startNode({}, { security: { authenticate, mode: 'disabled' } });
    expect((await send(node.url, { path: Paths.status.config, anonymous: true })).status).toBe(200);
    await using secured = await startNode();
    expect((await send(secured.url, { path: Paths.status.config, anonymous: true })).status).toBe(401);
  });
});

/** A GET over HTTPS trusting `ca`: the body and headers. */
function httpsGet(url: string, ca: string, method = 'GET'): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca, method }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('TLS', () => {
  let dir = '';
  let cert = '';
  let key = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'artemis-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    key = readFileSync(join(dir, 'key.pem'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves HTTPS, WSS and socket.io over TLS on one port with a self-signed certificate', async () => {
    await using node = await startNode({}, { tls: { cert, key } });
    const base = node.url.replace(/^http:/, 'https:');
    const { body } = await httpsGet(`${base}${Paths.status.node}`, cert);
    expect(JSON.parse(body)).toMatchObject({ responseStatus: { errorCode: 'success' }, nodeStatus: { status: 'up' } });
    // Plain HTTP to the TLS port gets no answer in the protocol.
    await expect(send(node.url, { path: Paths.status.node })).rejects.toThrow();
    const ws = new WebSocket(`${base.replace(/^https/, 'wss')}${Paths.ws.instanceChange}`, { ca: cert });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.close();
    const socket = io(base, { ca: cert, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });

  it('sends Strict-Transport-Security on every answer over TLS (lean, express, error and socket.io polling paths), never over plain HTTP', async () => {
    await using node = await startNode({}, { tls: { cert, key } });
    const base = node.url.replace(/^http:/, 'https:');
    const polling = '/socket.io/?EIO=4&transport=polling';
    for (const [path, method] of [[Paths.status.node, 'GET'], [Paths.discovery.services, 'POST'], ['/no/such/path', 'GET'], [Paths.status.config, 'GET'], [polling, 'GET']] as const) {
      const answer = await httpsGet(`${base}${path}`, cert, method);
      expect({ path, hsts: answer.headers['strict-transport-security'] }).toEqual({ path, hsts: 'max-age=31536000' });
    }
    await using shorter = await startNode({}, { tls: { cert, key, hstsMaxAgeSeconds: 600 } });
    expect((await httpsGet(`${shorter.url.replace(/^http:/, 'https:')}${Paths.status.node}`, cert)).headers['strict-transport-security']).toBe('max-age=600');
    await using plain = await startNode();
    for (const path of [Paths.status.node, '/no/such/path', polling]) {
      expect((await send(plain.url, { path })).headers['strict-transport-security']).toBeUndefined();
    }
    expect((await post(plain.url, Paths.discovery.services, {})).headers['strict-transport-security']).toBeUndefined();
  });
  it('closes a TLS connection over the per-address limit before its handshake, and keeps serving others', async () => {
    await using node = await startNode({}, { tls: { cert, key }, connections: { maxConnections: 100, maxConnectionsPerAddress: 2 } });
    const port = Number(new URL(node.url).port);
    const held: Socket[] = [];
    for (let i = 0; i < 2; i++) {
      held.push(await new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' }, () => resolve(socket));
        socket.once('error', reject);
      }));
    }
    while (node.http.connections.openFrom('127.0.0.2') < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const over = await new Promise<string>((resolve) => {
      const tcp = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
      tcp.once('error', () => undefined);
      const socket = tlsConnect({ socket: tcp, ca: cert, servername: 'localhost' }, () => resolve('handshake'));
      socket.once('error', (error) => resolve(`error: ${error.message}`));
      socket.once('close', () => resolve('closed'));
    });
    expect(over).not.toBe('handshake');
    expect(node.http.connections.refused).toBe(1);
    const { status } = await httpsGet(`${node.url.replace(/^http:/, 'https:')}${Paths.status.node}`, cert);
    expect(status).toBe(200);
    for (const socket of held) socket.destroy();
  });
});
