import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ArtemisClient, ClientClosedError, ClientTimeoutError, NoServerAvailableError } from '../src/index.js';
import { startNode, waitFor } from './support/artemis-node.js';

const instance = { groupId: null, healthCheckUrl: null, instanceId: 'o-1', ip: '10.0.0.1', machineName: null, metadata: null, port: 80, protocol: null, regionId: 'default', serviceId: 'orders', status: 'up', url: 'http://10.0.0.1', zoneId: 'default' };
const success = { errorCode: 'success', message: '', status: 'success' };

/** A node that answers well until told to turn hostile, then answers every request with a different kind of garbage. */
async function hostileNode(): Promise<{ url: string; turnHostile(): void; requests(): number; close(): Promise<void> }> {
  let hostile = false;
  let count = 0;
  const answers: ((res: ServerResponse) => void)[] = [
    (res) => res.end('{"responseStatus": '),
    (res) => res.end(JSON.stringify({ responseStatus: 5, services: 'x' })),
    (res) => res.end(JSON.stringify([1, 2, 3])),
    (res) => res.end(JSON.stringify({ responseStatus: success, services: [{ serviceId: 'orders', instances: 'many' }] })),
    (res) => res.end(JSON.stringify({ responseStatus: success, services: [{ serviceId: 'payments', instances: [] }] })),
    (res) => res.end(JSON.stringify({ responseStatus: success, services: [], nodes: [{ url: 'javascript:alert(1)' }, { url: 42 }], version: 'v', delta: [1] })),
    (res) => {
      // 64 MiB of JSON-looking bytes: refused at the size bound while streaming.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 64 && res.write(chunk)) sent += 1;
        if (sent >= 64) res.end();
        else res.once('drain', pump);
      };
      res.on('close', () => (sent = 64));
      pump();
    },
    () => undefined, // never answers: the request timeout ends it
    (res) => {
      res.writeHead(500);
      res.end('<html>oops</html>');
    },
  ];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      count += 1;
      if (!hostile) {
        if (req.url?.includes('lookup')) res.end(JSON.stringify({ responseStatus: success, services: [{ serviceId: 'orders', instances: [instance], logicInstances: null, metadata: null, routeRules: null }] }));
        else if (req.url?.includes('nodes')) res.end(JSON.stringify({ responseStatus: { errorCode: 'data-not-found', message: 'none', status: 'fail' }, nodes: null }));
        else res.end(JSON.stringify({ responseStatus: success, failedInstances: null }));
        return;
      }
      (answers[count % answers.length] as (res: ServerResponse) => void)(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    turnHostile: () => (hostile = true),
    requests: () => count,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('robustness', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('keeps its last good state through malformed, huge, slow and wrong answers, reporting errors and never crashing the host', async () => {
    const crashes: unknown[] = [];
    const onCrash = (error: unknown): void => void crashes.push(error);
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    cleanups.push(() => {
      process.off('unhandledRejection', onCrash);
      process.off('uncaughtException', onCrash);
    });
    const node = await hostileNode();
    cleanups.push(() => node.close());
    const client = new ArtemisClient({ servers: [node.url], push: false, pollIntervalMs: 50, heartbeatIntervalMs: 100, requestTimeoutMs: 300, maxAttempts: 2, maxResponseBytes: 1024 * 1024, drainMs: 0 });
    cleanups.push(() => client.close());
    const errors: string[] = [];
    client.on('error', ({ error }) => errors.push(error.name));
    const view = client.service('orders', { emptyConfirmMs: 0 });
    await view.ready({ timeoutMs: 3000 });
    await client.register([{ serviceId: 'orders', instanceId: 'o-1', url: 'http://10.0.0.1' }]);
    node.turnHostile();
    const before = node.requests();
    await waitFor(() => node.requests() - before > 60, 20_000, 'hostile answers served');
    expect(view.instances().map((i) => i.instanceId)).toEqual(['o-1']);
    expect(view.pick()?.instanceId).toBe('o-1');
    expect(errors.length).toBeGreaterThan(0);
    // One of the rotating answers is a plain success; the others must fail typed, never otherwise.
    for (let i = 0; i < 5; i++) {
      const outcome = await client.register([{ serviceId: 'orders', instanceId: `o-${i + 2}`, url: 'http://10.0.0.2' }]).then(
        () => 'registered',
        (error: unknown) => error,
      );
      if (outcome !== 'registered') expect(outcome).toBeInstanceOf(NoServerAvailableError);
    }
    expect(crashes).toEqual([]);
  }, 40_000);

  it('ready() rejects with a typed timeout when no node answers', async () => {
    const client = new ArtemisClient({ servers: ['http://127.0.0.1:9'], requestTimeoutMs: 100, maxAttempts: 1, pollIntervalMs: 100 });
    cleanups.push(() => client.close());
    client.on('error', () => undefined);
    await expect(client.service('orders').ready({ timeoutMs: 300 })).rejects.toBeInstanceOf(ClientTimeoutError);
    // A wait still pending at close() ends with the close, not at its own timeout.
    const pending = client.service('payments').ready({ timeoutMs: 60_000 });
    await client.close();
    await expect(pending).rejects.toBeInstanceOf(ClientClosedError);
  });

  it('close() unregisters, then leaves no timer, socket or handle behind', async () => {
    const node = await startNode();
    cleanups.push(() => node.close());
    const resources = (): string[] => process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap');
    const before = resources();
    const client = new ArtemisClient({ servers: [node.url], heartbeatIntervalMs: 200, drainMs: 50 });
    await client.register([{ serviceId: 'orders', instanceId: 'o-1', url: 'http://10.0.0.1' }]);
    const view = client.service('orders');
    await view.ready({ timeoutMs: 3000 });
    await waitFor(() => view.ageMs === 0, 3000, 'push up');
    expect(resources().length).toBeGreaterThan(before.length);
    await client.close();
    await waitFor(() => resources().length <= before.length, 5000, `handles released (left: ${resources().join(', ')})`);
    await expect(client.register([{ serviceId: 'orders', instanceId: 'o-2', url: 'http://x' }])).rejects.toThrow(/closed/);
  });
});
