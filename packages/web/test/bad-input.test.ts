import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { instance, startNode } from './fixtures.js';
import { post, send } from './http-client.js';

function badRequest(message: string) {
  return { responseStatus: { errorCode: 'bad-request', message, status: 'fail' } };
}

describe('bad input over HTTP', () => {
  it('answers malformed JSON with 400 in the protocol shape, never an HTML page', async () => {
    await using node = await startNode();
    const response = await send(node.url, { path: Paths.registry.register, rawBody: '{"instances": [', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(response.json<{ responseStatus: { errorCode: string; message: string } }>().responseStatus).toMatchObject({ errorCode: 'bad-request' });
    expect(response.json<{ responseStatus: { message: string } }>().responseStatus.message).toMatch(/^malformed JSON: /);
  });

  it('answers a declared body over the limit with 413 and applies nothing', async () => {
    await using node = await startNode({}, { bodyLimitBytes: 4096 });
    const instances = Array.from({ length: 100 }, (_, n) => instance('orders', `o-${n}`));
    const response = await post(node.url, Paths.registry.register, { instances });
    expect(response.status).toBe(413);
    expect(response.json()).toEqual(badRequest('request body is larger than the limit of 4096 bytes'));
    expect(node.engine.store.size).toBe(0);
  });

  it('answers a streamed (chunked) body over the limit with 413', async () => {
    await using node = await startNode({}, { bodyLimitBytes: 4096 });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(new URL(Paths.registry.register, node.url), { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"instances":[');
      req.write(' '.repeat(8192));
      req.end(']}');
    });
    expect(status).toBe(413);
    expect(node.engine.store.size).toBe(0);
  });

  it('stops a gzip bomb at the limit of decompressed bytes', async () => {
    await using node = await startNode({}, { bodyLimitBytes: 64 * 1024 });
    const bomb = gzipSync(Buffer.from(`{"instances":[],"pad":"${'a'.repeat(8 * 1024 * 1024)}"}`));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const response = await send(node.url, { path: Paths.registry.register, rawBody: bomb, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(response.status).toBe(413);
    expect(response.json()).toEqual(badRequest('request body is larger than the limit of 65536 bytes'));
  });

  it('answers a body that claims gzip but is not with 400', async () => {
    await using node = await startNode();
    const response = await send(node.url, { path: Paths.registry.register, rawBody: 'not gzip at all', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(badRequest('request body is not valid compressed data'));
  });

  it('answers an unsupported encoding or media type with 415', async () => {
    await using node = await startNode();
    const encoding = await send(node.url, { path: Paths.registry.register, rawBody: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'br' } });
    expect(encoding.status).toBe(415);
    expect(encoding.json()).toEqual(badRequest('unsupported Content-Encoding: br'));
    const media = await send(node.url, { path: Paths.registry.register, rawBody: 'instances=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(media.status).toBe(415);
  });

  it('answers an unknown path with 404 in the protocol shape, on both the lean and the express side', async () => {
    await using node = await startNode();
    const unknownApi = await post(node.url, '/api/registry/nope.json', {});
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.json()).toEqual(badRequest('no such endpoint: POST /api/registry/nope.json'));
    // cluster/nodes.json is named in Java's RestPaths but never mapped.
    expect((await send(node.url, { path: '/api/cluster/nodes.json' })).status).toBe(404);
  });

  it('keeps serving after every kind of bad input', async () => {
    await using node = await startNode();
    await send(node.url, { path: Paths.registry.register, rawBody: '{', headers: { 'content-type': 'application/json' } });
    await send(node.url, { path: Paths.discovery.lookup, rawBody: 'null', headers: { 'content-type': 'application/json' } });
    const ok = await post(node.url, Paths.registry.register, { instances: [instance('orders', 'o-1')] });
    expect(ok.json<{ responseStatus: { status: string } }>().responseStatus.status).toBe('success');
  });

  it('answers a lookup without configs with bad-request', async () => {
    await using node = await startNode();
    const response = await post(node.url, Paths.discovery.lookup, { regionId: 'default' });
    expect(response.json()).toEqual({ responseStatus: { errorCode: 'bad-request', message: 'request.discoveryConfigs is null or empty.', status: 'fail' }, services: null });
  });
});

describe('CORS and security headers', () => {
  const foreign = 'https://evil.example';
  const preflight = (url: string, path: string, origin: string) =>
    send(url, { method: 'OPTIONS', path, anonymous: true, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });

  it('grants a foreign origin nothing on management, status or registry, and discovery reads without credentials', async () => {
    await using node = await startNode();
    for (const path of [Paths.registry.register, Paths.status.config, Paths.management.operateInstance, Paths.auth.login]) {
      const answer = await preflight(node.url, path, foreign);
      expect(answer.status).toBe(204);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
      const call = await send(node.url, { path, body: {}, headers: { origin: foreign } });
      expect(call.headers['access-control-allow-origin']).toBeUndefined();
    }
    const discovery = await preflight(node.url, Paths.discovery.services, foreign);
    expect(discovery.headers['access-control-allow-origin']).toBe('*');
    expect(discovery.headers['access-control-allow-credentials']).toBeUndefined();
    expect(discovery.headers['access-control-allow-headers']).not.toMatch(/authorization/i);
    const read = await post(node.url, Paths.discovery.services, {}, { headers: { origin: foreign } });
    expect(read.headers['access-control-allow-origin']).toBe('*');
    expect(read.headers['access-control-allow-credentials']).toBeUndefined();
    // Non-browser clients (no Origin) get no CORS headers at all, but the security headers.
    const plain = await post(node.url, Paths.discovery.services, {});
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['x-frame-options']).toBe('DENY');
    expect((await send(node.url, { path: '/health/live' })).headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('echoes a configured origin, with credentials, on every path; never a wildcard with credentials', async () => {
    const console = 'https://console.example';
    await using node = await startNode({}, { cors: { origins: [console], discoveryOrigins: [] } });
    const answer = await preflight(node.url, Paths.management.operateInstance, console);
    expect(answer.headers['access-control-allow-origin']).toBe(console);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-allow-headers']).toMatch(/authorization/i);
    expect(answer.headers['vary']).toMatch(/origin/i);
    const call = await send(node.url, { path: Paths.status.config, body: {}, headers: { origin: console } });
    expect(call.headers['access-control-allow-origin']).toBe(console);
    expect((await preflight(node.url, Paths.discovery.services, foreign)).headers['access-control-allow-origin']).toBeUndefined();
    await using open = await startNode({}, { cors: { origins: ['*'], discoveryOrigins: [] } });
    const wildcard = await preflight(open.url, Paths.status.node, foreign);
    expect(wildcard.headers['access-control-allow-origin']).toBe('*');
    expect(wildcard.headers['access-control-allow-credentials']).toBeUndefined();
  });
});
