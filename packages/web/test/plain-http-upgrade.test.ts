import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { instance, startNode } from './fixtures.js';
import { raw } from './raw-request.js';

const H2C = 'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n';

describe('requests with an Upgrade header that is not a WebSocket upgrade', () => {
  it('serves a GET that offers h2c (curl --http2) as plain HTTP', async () => {
    await using node = await startNode();
    const answer = await raw(node, `GET ${Paths.health.live} HTTP/1.1\r\nHost: x\r\n${H2C}\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toMatch(/\r\n\r\n\{"status":"up"\}$/);
  });

  it('serves a POST with a body that offers h2c, on the lean protocol path', async () => {
    await using node = await startNode();
    const body = JSON.stringify({ instances: [instance('orders', 'o-1')] });
    const answer = await raw(node, `POST ${Paths.registry.register} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${H2C}\r\n${body}`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain('"responseStatus":{"errorCode":"success"');
    expect(node.engine.store.size).toBe(1);
  });

  it('answers an unknown path that offers h2c with the protocol 404, not an empty body', async () => {
    await using node = await startNode();
    const answer = await raw(node, `GET /nowhere HTTP/1.1\r\nHost: x\r\n${H2C}\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer).toMatch(/"errorCode":"[a-z-]+"/);
  });

  it('still refuses a WebSocket upgrade to an unknown path, with a body that says so', async () => {
    await using node = await startNode();
    const answer = await raw(node, 'GET /ws/nowhere HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(answer).toContain('"message":"no WebSocket endpoint at /ws/nowhere"');
  });
});
