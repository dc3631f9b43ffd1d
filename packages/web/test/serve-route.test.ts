import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { silentLogger } from '@artemis/server';
import { CorsPolicy, defineRoute, leanDispatcher, requestLogFields, serveRoute, type JsonRoute, type RequestObserver } from '../src/index.js';
import { post } from './http-client.js';

/** What a handler saw of its request's log scope, now and after an await. */
interface Seen {
  readonly during: string | undefined;
  readonly after?: string | undefined;
}

const seen: Seen[] = [];
const statuses: number[] = [];
const observer: RequestObserver = { answered: (_exchange, status) => statuses.push(status) };
const options = { bodyLimitBytes: 1024, logger: silentLogger, observer };

const syncRoute = defineRoute({
  path: '/sync',
  operation: 'sync',
  access: 'open',
  body: (value: unknown) => value,
  handle: () => {
    seen.push({ during: requestLogFields()?.requestId });
    return { ok: true };
  },
});

const awaitingRoute = defineRoute({
  path: '/awaiting',
  operation: 'awaiting',
  access: 'open',
  body: (value: unknown) => value,
  handle: async () => {
    const during = requestLogFields()?.requestId;
    await new Promise((resolve) => setTimeout(resolve, 5));
    seen.push({ during, after: requestLogFields()?.requestId });
    return { ok: true };
  },
});

let server: Server | null = null;

/** The lean dispatcher for `/sync`; `/awaiting` served as the express adapter serves its routes. */
async function start(): Promise<string> {
  const fallback = (request: Parameters<typeof serveRoute>[0], response: Parameters<typeof serveRoute>[1]): void => serveRoute(request, response, awaitingRoute as JsonRoute, new URLSearchParams(), options);
  server = createServer(leanDispatcher([syncRoute], fallback, { ...options, cors: new CorsPolicy() }));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  seen.length = 0;
  statuses.length = 0;
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

describe('serveRoute', () => {
  it('names a synchronous request in log lines while it runs, and nothing after it', async () => {
    const url = await start();
    const answer = await post(url, '/sync', {}, { headers: { 'x-request-id': 'sync-1' } });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-request-id']).toBe('sync-1');
    expect(seen).toEqual([{ during: 'sync-1' }]);
    expect(requestLogFields()).toBeUndefined();
  });

  it('carries an awaiting request across its awaits, again once an earlier one is answered', async () => {
    const url = await start();
    // The second request comes after the first is answered, when the scope's storage was
    // turned off: it must be scoped again.
    for (const id of ['wait-1', 'wait-2']) {
      const answer = await post(url, '/awaiting', {}, { headers: { 'x-request-id': id } });
      expect(answer.headers['x-request-id']).toBe(id);
    }
    await Promise.all(['wait-3', 'wait-4'].map((id) => post(url, '/awaiting', {}, { headers: { 'x-request-id': id } })));
    expect(seen.slice(0, 2)).toEqual([
      { during: 'wait-1', after: 'wait-1' },
      { during: 'wait-2', after: 'wait-2' },
    ]);
    for (const line of seen.slice(2)) expect(line.after).toBe(line.during);
    expect(seen.slice(2).map((line) => line.during).sort()).toEqual(['wait-3', 'wait-4']);
  });

  it('refuses a body cut short (400 to observers) and keeps serving', async () => {
    const url = await start();
    const { port } = new URL(url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    for (let i = 0; i < 50 && statuses.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(statuses).toEqual([400]);
    expect(seen).toEqual([]);
    expect((await post(url, '/sync', {})).status).toBe(200);
  });
});
