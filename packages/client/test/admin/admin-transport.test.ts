import { describe, expect, it } from '@jest/globals';
import type {
  ArtemisRequestError} from '../../src/index.js';
import {
  ArtemisAdmin,
  ArtemisBadRequestError,
  ArtemisPermissionError,
  ArtemisUnauthenticatedError,
  ArtemisUnavailableError,
  ArtemisUnreachableError,
} from '../../src/index.js';
import { deadUrl, fail, ok, scriptedNode } from './scripted-node.js';

const key = { regionId: 'default', serviceId: 'orders', instanceId: 'orders-1' };

describe('ArtemisAdmin transport', () => {
  it('sends the token as a bearer header and the write context in the body', async () => {
    await using node = await scriptedNode(() => ok());
    const admin = new ArtemisAdmin({ nodes: [node.url], token: 's3cret', defaults: { operatorId: 'alice' } });
    await admin.instances.operateInstance(key, false);
    expect(node.received).toEqual([
      {
        path: '/api/management/operate-instance.json',
        authorization: 'Bearer s3cret',
        body: { instanceKey: key, operation: 'pullout', operationComplete: false, operatorId: 'alice', token: null },
      },
    ]);
  });

  it('sends no authorization header without a token', async () => {
    await using node = await scriptedNode(() => ok({ nodeStatus: {} }));
    await new ArtemisAdmin({ nodes: [node.url] }).status.node();
    expect(node.received[0]?.authorization).toBeUndefined();
  });

  it('moves a read to the next node when one is unreachable, and keeps using the one that answered', async () => {
    const dead = await deadUrl();
    await using node = await scriptedNode(() => ok({ nodeCount: 1, nodesStatus: [] }));
    const admin = new ArtemisAdmin({ nodes: [dead, node.url] });
    expect(await admin.status.cluster()).toMatchObject({ nodeCount: 1 });
    await admin.status.cluster();
    expect(node.received).toHaveLength(2);
  });

  it('moves a read to the next node when one answers service-unavailable', async () => {
    await using down = await scriptedNode(() => fail('service-unavailable', 'database down'));
    await using up = await scriptedNode(() => ok({ allZoneOperations: [] }));
    const admin = new ArtemisAdmin({ nodes: [down.url, up.url] });
    expect(await admin.zones.all()).toMatchObject({ allZoneOperations: [] });
    expect(down.received).toHaveLength(1);
  });

  it('does not repeat a write on another node after a node answered with a failure it may have applied', async () => {
    await using broken = await scriptedNode(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    await using other = await scriptedNode(() => ok());
    const admin = new ArtemisAdmin({ nodes: [broken.url, other.url], defaults: { operatorId: 'a' } });
    await expect(admin.zones.operate([{ zoneKey: { regionId: 'r', serviceId: 's', zoneId: 'z' }, operations: ['pullout'] }], false)).rejects.toBeInstanceOf(ArtemisUnavailableError);
    expect(other.received).toHaveLength(0);
  });

  it('sends a write to the next node when the first refused the connection', async () => {
    const dead = await deadUrl();
    await using node = await scriptedNode(() => ok());
    await new ArtemisAdmin({ nodes: [dead, node.url], defaults: { operatorId: 'a' } }).canary.setIps('orders', 'orders', ['10.0.0.1']);
    expect(node.received[0]?.body).toMatchObject({ serviceId: 'orders', appId: 'orders', canaryIps: ['10.0.0.1'], operatorId: 'a', operation: 'canary' });
  });

  it('raises the protocol error as its typed exception, without trying another node', async () => {
    await using first = await scriptedNode(() => fail('bad-request', 'operatorId is null or empty'));
    await using second = await scriptedNode(() => ok());
    const admin = new ArtemisAdmin({ nodes: [first.url, second.url] });
    const error = await admin.groups.all().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtemisBadRequestError);
    expect(error).toMatchObject({ code: 'bad-request', message: 'operatorId is null or empty', httpStatus: 200, node: first.url });
    expect(second.received).toHaveLength(0);
  });

  it('maps 401 to ArtemisUnauthenticatedError and 403 no-permission to ArtemisPermissionError', async () => {
    await using node = await scriptedNode((path) => (path.includes('tokens') ? fail('no-permission', 'needs admin', 403) : fail('no-permission', 'a token is required', 401)));
    const admin = new ArtemisAdmin({ nodes: [node.url] });
    await expect(admin.auth.whoami()).rejects.toBeInstanceOf(ArtemisUnauthenticatedError);
    const forbidden = await admin.auth.tokens().catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(ArtemisPermissionError);
    expect(forbidden).not.toBeInstanceOf(ArtemisUnauthenticatedError);
    expect((forbidden as ArtemisRequestError).httpStatus).toBe(403);
  });

  it('raises ArtemisUnreachableError naming every node tried when none answers', async () => {
    const [a, b] = [await deadUrl(), await deadUrl()];
    const error = await new ArtemisAdmin({ nodes: [a, b] }).status.node().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtemisUnreachableError);
    expect((error as ArtemisUnreachableError).attempts).toEqual([
      { node: a, reason: 'ECONNREFUSED' },
      { node: b, reason: 'ECONNREFUSED' },
    ]);
  });

  it('gives up on a node that does not answer within the time limit', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const error = await new ArtemisAdmin({ nodes: [`http://127.0.0.1:${port}`], timeoutMs: 200 }).status.node().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArtemisUnreachableError);
      expect((error as ArtemisUnreachableError).attempts[0]?.reason).toBe('timed out');
    } finally {
      silent.close();
    }
  });

  it('refuses to be built without a node', () => {
    expect(() => new ArtemisAdmin({ nodes: [] })).toThrow('at least one node URL');
  });
});
