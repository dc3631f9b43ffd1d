import { describe, expect, it } from '@jest/globals';
import { Paths, type InstancesResponse } from '@artemis/core';
import { instance, startNode } from './fixtures.js';
import { raw } from './raw-request.js';
import { post } from './http-client.js';

function bodyOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

describe('every refusal in the protocol shape, naming the problem', () => {
  it('answers headers over the limit with 431 and a body that says so', async () => {
    await using node = await startNode();
    const answer = await raw(node, `GET ${Paths.health.live} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    // Written straight to the socket, it still carries the security headers of every answer.
    expect(answer).toContain('\r\nX-Content-Type-Options: nosniff\r\n');
    expect(bodyOf(answer)).toEqual({ responseStatus: { errorCode: 'bad-request', message: 'request headers are larger than the limit (16 KiB in all)', status: 'fail' } });
  });

  it('answers a request node:http cannot parse with 400 and a body', async () => {
    await using node = await startNode();
    const answer = await raw(node, 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(bodyOf(answer)).toMatchObject({ responseStatus: { errorCode: 'bad-request', message: expect.stringMatching(/^malformed HTTP request \(HPE_/) as unknown } });
  });

  it('refuses NUL in free text and metadata with the field and position, not a storage error', async () => {
    await using node = await startNode();
    const inUrl = (await post(node.url, Paths.registry.register, { instances: [instance('orders', 'o-1', { url: 'http:\u0000//x' })] })).json<InstancesResponse>();
    expect(inUrl.responseStatus).toEqual({ errorCode: 'bad-request', message: 'instances[0].url: must not contain NUL (U+0000): found at position 5', status: 'fail' });
    const inMetadata = (await post(node.url, Paths.registry.register, { instances: [instance('orders', 'o-1', { metadata: { zone: 'a\u0000b' } })] })).json<InstancesResponse>();
    expect(inMetadata.responseStatus.message).toBe('instances[0].metadata.zone: must not contain NUL (U+0000): found at position 1');
    expect(node.engine.store.size).toBe(0);
  });
});
