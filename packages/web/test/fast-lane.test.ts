import { connect, type Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { instance, startNode, TEST_ADMIN_TOKEN, type TestNode } from './fixtures.js';

/** One answer read off the wire. */
interface WireAnswer {
  readonly status: number;
  readonly headers: Map<string, string>;
  readonly body: string;
}

/** Splits the bytes a connection received into its answers (each with a Content-Length). */
function answersIn(bytes: Buffer): WireAnswer[] {
  const answers: WireAnswer[] = [];
  let at = 0;
  for (;;) {
    const end = bytes.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const lines = bytes.toString('latin1', at, end).split('\r\n');
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
    }
    const length = Number(headers.get('content-length') ?? 0);
    if (bytes.length < end + 4 + length) break;
    answers.push({ status: Number(lines[0]!.split(' ')[1]), headers, body: bytes.toString('utf8', end + 4, end + 4 + length) });
    at = end + 4 + length;
  }
  return answers;
}

/** A raw connection to a node: writes bytes, reads answers. */
class Wire {
  readonly socket: Socket;
  /** Bytes received so far. */
  length = 0;
  closed = false;
  private chunks: Buffer[] = [];

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.length += chunk.length;
    });
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  static open(node: TestNode): Promise<Wire> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(new URL(node.url).port), '127.0.0.1', () => resolve(new Wire(socket)));
      socket.once('error', reject);
    });
  }

  get received(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  send(bytes: string | Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves once `count` answers have arrived (or rejects after 5 s). */
  async answers(count: number): Promise<WireAnswer[]> {
    await until(() => answersIn(this.received).length >= count || this.closed);
    const answers = answersIn(this.received);
    if (answers.length < count) throw new Error(`connection closed after ${answers.length} of ${count} answers`);
    return answers;
  }
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A POST with a Content-Length: what the lane serves. */
function post(path: string, body: unknown, headers: Record<string, string> = {}): string {
  const text = JSON.stringify(body);
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const auth = headers['Authorization'] === undefined ? `Authorization: Bearer ${TEST_ADMIN_TOKEN}\r\n` : '';
  return `POST ${path} HTTP/1.1\r\nHost: node\r\nContent-Type: application/json\r\n${auth}${extra}Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
}

/** The same POST with a chunked body: what the lane leaves to node:http. */
function chunkedPost(path: string, body: unknown, headers: Record<string, string> = {}): string {
  const text = JSON.stringify(body);
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `POST ${path} HTTP/1.1\r\nHost: node\r\nContent-Type: application/json\r\nAuthorization: Bearer ${TEST_ADMIN_TOKEN}\r\n${extra}Transfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n0\r\n\r\n`;
}

const here = { regionId: 'default', zoneId: 'zone-a' };
const service = { discoveryConfig: { serviceId: 'orders', ...here }, ...here };
const heartbeat = { instances: [instance('orders', 'o-1')] };
const lookup = { discoveryConfigs: [service.discoveryConfig, { serviceId: 'payments', ...here }], ...here };

async function nodeWithOrders(httpOptions: Parameters<typeof startNode>[1] = {}): Promise<TestNode> {
  const node = await startNode({}, httpOptions);
  node.engine.store.register(instance('orders', 'o-1'));
  node.engine.store.register(instance('orders', 'o-2'));
  return node;
}

describe('the fast lane', () => {
  it('answers the hot routes with the status, headers and body node:http gives', async () => {
    await using node = await nodeWithOrders();
    const cases: [string, unknown][] = [
      [Paths.discovery.service, service],
      [Paths.registry.heartbeat, heartbeat],
      [Paths.discovery.lookup, lookup],
      [Paths.discovery.service, { discoveryConfig: { serviceId: '' } }],
      [Paths.registry.heartbeat, { instanceKeys: 'not a list' }],
    ];
    for (const [path, body] of cases) {
      const lane = await Wire.open(node);
      lane.send(post(path, body, { 'X-Request-Id': 'same-id' }));
      const [fast] = await lane.answers(1);
      expect(node.http.fastLane?.stats.handedOver).toBe(0);
      const plain = await Wire.open(node);
      plain.send(chunkedPost(path, body, { 'X-Request-Id': 'same-id' }));
      const [slow] = await plain.answers(1);
      await until(() => node.http.fastLane?.stats.handedOver === 1);
      expect(fast!.status).toBe(slow!.status);
      expect(fast!.body).toBe(slow!.body);
      const names = (answer: WireAnswer): string[] => [...answer.headers.keys()].sort();
      expect(names(fast!)).toEqual(names(slow!));
      for (const [name, value] of slow!.headers) if (name !== 'date') expect([name, fast!.headers.get(name)]).toEqual([name, value]);
      lane.socket.destroy();
      plain.socket.destroy();
      await until(() => node.http.fastLane?.connections === 0);
      node.http.fastLane!.stats.handedOver = 0;
    }
  });

  it('answers pipelined requests in order, in whatever pieces they arrive', async () => {
    await using node = await nodeWithOrders();
    const requests: string[] = [];
    for (let index = 0; index < 40; index++) {
      const path = [Paths.discovery.service, Paths.registry.heartbeat, Paths.discovery.lookup][index % 3]!;
      const body = index % 3 === 0 ? service : index % 3 === 1 ? heartbeat : lookup;
      requests.push(post(path, body, { 'X-Request-Id': `r-${index}` }));
    }
    const bytes = Buffer.from(requests.join(''));
    // A fixed seed: the same cuts every run, many of them inside heads and bodies.
    let seed = 7;
    const random = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (const pieces of [1, 3, 17, 120]) {
      const wire = await Wire.open(node);
      const cuts = Array.from({ length: pieces - 1 }, () => Math.floor(random() * bytes.length)).sort((a, b) => a - b);
      let from = 0;
      for (const cut of [...cuts, bytes.length]) {
        wire.send(bytes.subarray(from, cut));
        from = cut;
        if (pieces > 1) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const answers = await wire.answers(40);
      expect(answers.map((answer) => answer.headers.get('x-request-id'))).toEqual(requests.map((_, index) => `r-${index}`));
      expect(answers.filter((answer) => answer.status !== 200 || !answer.body.includes('"success"'))).toEqual([]);
      wire.socket.destroy();
    }
    expect(node.http.fastLane?.stats.handedOver).toBe(0);
  });

  it('hands the connection to node:http at the first request it does not serve, and node:http serves the rest', async () => {
    await using node = await nodeWithOrders();
    const wire = await Wire.open(node);
    wire.send(post(Paths.registry.heartbeat, heartbeat, { 'X-Request-Id': 'first' }) + `GET ${Paths.status.node} HTTP/1.1\r\nHost: node\r\nX-Request-Id: second\r\n\r\n` + post(Paths.discovery.service, service, { 'X-Request-Id': 'third' }));
    const answers = await wire.answers(3);
    expect(answers.map((answer) => [answer.status, answer.headers.get('x-request-id')])).toEqual([
      [200, 'first'],
      [200, 'second'],
      [200, 'third'],
    ]);
    expect(JSON.parse(answers[1]!.body)).toHaveProperty('nodeStatus.status', 'up');
    expect(node.http.fastLane?.stats.handedOver).toBe(1);
    wire.socket.destroy();
  });

  it('lets a WebSocket upgrade through after hot requests on the same connection', async () => {
    await using node = await nodeWithOrders();
    const wire = await Wire.open(node);
    wire.send(post(Paths.registry.heartbeat, heartbeat));
    await wire.answers(1);
    wire.send(`GET ${Paths.ws.heartbeat} HTTP/1.1\r\nHost: node\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    await until(() => wire.received.includes('HTTP/1.1 101'));
    expect(wire.received.toString('latin1')).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    wire.socket.destroy();
  });

  it('closes after an answer when the client asks, and after its last answer when the client ends its side', async () => {
    await using node = await nodeWithOrders();
    const asked = await Wire.open(node);
    asked.send(post(Paths.discovery.service, service, { Connection: 'close' }));
    await until(() => asked.closed);
    const [answer] = answersIn(asked.received);
    expect(answer?.headers.get('connection')).toBe('close');
    expect(answer?.status).toBe(200);
    const ended = await Wire.open(node);
    ended.socket.end(post(Paths.discovery.service, service) + post(Paths.registry.heartbeat, heartbeat));
    await until(() => ended.closed);
    expect(answersIn(ended.received).map((one) => one.status)).toEqual([200, 200]);
  });

  it('answers bad requests in the protocol shape: unusual ones through node:http, the rest itself, with nothing renewed', async () => {
    await using node = await nodeWithOrders();
    const cases: [string, number][] = [
      // A body over the limit: refused without being read.
      [`POST ${Paths.registry.heartbeat} HTTP/1.1\r\nHost: node\r\nContent-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n{`, 413],
      // Two lengths: a smuggling attempt.
      [`POST ${Paths.registry.heartbeat} HTTP/1.1\r\nHost: node\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400],
      // A head that never ends within the size limit.
      [`GET ${Paths.discovery.service} HTTP/1.1\r\nHost: node\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      // Garbage.
      [`POST ${Paths.registry.heartbeat} HTTP/1.1\r\nHost node\r\n\r\n`, 400],
      // Malformed JSON on a hot route: the lane's own answer.
      [post(Paths.registry.heartbeat, 0).replace('0', '{'), 400],
      // A body that is not JSON at all, and a JSON body of the wrong content type.
      [post(Paths.discovery.service, 0).replace('Content-Length: 1\r\n\r\n0', 'Content-Length: 3\r\n\r\nabc'), 400],
      [post(Paths.discovery.service, service).replace('Content-Type: application/json', 'Content-Type: text/plain'), 415],
      // A GET of a POST-only route.
      [`GET ${Paths.registry.heartbeat} HTTP/1.1\r\nHost: node\r\n\r\n`, 405],
    ];
    for (const [bytes, status] of cases) {
      const wire = await Wire.open(node);
      wire.send(bytes);
      await until(() => answersIn(wire.received).length > 0 || wire.closed);
      expect([bytes.slice(0, 60), Number(wire.received.toString('latin1').split(' ')[1])]).toEqual([bytes.slice(0, 60), status]);
      if (status !== 431) expect(wire.received.toString('utf8')).toContain('"responseStatus"');
      wire.socket.destroy();
    }
    // Wrong-typed fields are the protocol's bad-request, on the lane, and nothing is renewed.
    const renewedAt = node.engine.store.lease('orders', 'o-1')?.renewalTime;
    for (const body of [{ instances: 'all' }, { instances: [{ ...instance('orders', 'o-1'), port: 'eighty' }] }, { discoveryConfig: { serviceId: 7 } }]) {
      const wire = await Wire.open(node);
      wire.send(post('instances' in body ? Paths.registry.heartbeat : Paths.discovery.service, body));
      const [answer] = await wire.answers(1);
      expect([body, answer!.status, JSON.parse(answer!.body).responseStatus.errorCode]).toEqual([body, 200, 'bad-request']);
      wire.socket.destroy();
    }
    expect(node.engine.store.lease('orders', 'o-1')?.renewalTime).toBe(renewedAt);
    // Only the four requests the lane does not read went to node:http; it answered the rest itself.
    expect(node.http.fastLane?.stats.handedOver).toBe(4);
    const after = await Wire.open(node);
    after.send(post(Paths.discovery.service, service));
    expect((await after.answers(1))[0]!.status).toBe(200);
    after.socket.destroy();
  });

  it('closes idle connections and connections whose head takes too long', async () => {
    await using node = await nodeWithOrders({ fastLane: { keepAliveTimeoutMs: 1_000, headersTimeoutMs: 400 } });
    const idle = await Wire.open(node);
    idle.send(post(Paths.discovery.service, service));
    await idle.answers(1);
    // Kept alive a while after the answer (however late the test saw it), then closed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(idle.closed).toBe(false);
    await until(() => idle.closed);
    // One byte every 50 ms keeps the connection busy but the head never completes in time.
    const slow = await Wire.open(node);
    const head = `GET ${Paths.discovery.service}?serviceId=orders HTTP/1.1\r\nHost: node\r\n`;
    const startedAt = Date.now();
    for (let index = 0; index < head.length && !slow.closed; index++) {
      slow.send(head[index]!);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(slow.closed).toBe(true);
    expect(Date.now() - startedAt).toBeLessThan(head.length * 50);
    expect(answersIn(slow.received)).toEqual([]);
  });

  it('stops reading a client that does not take its answers, and serves it once it does', async () => {
    await using node = await nodeWithOrders();
    const serverSide = new Promise<Socket>((resolve) => node.http.server.once('connection', resolve));
    const wire = await Wire.open(node);
    const socket = await serverSide;
    // About 25 MB of answers: more than the kernel's buffers on both sides hold.
    const many = 20_000;
    // A fixed request id: every answer has the same length.
    const one = post(Paths.discovery.lookup, lookup, { 'X-Request-Id': 'same' });
    wire.send(one);
    const size = (await wire.answers(1))[0]!.body.length;
    const first = wire.length;
    wire.socket.pause();
    wire.send(one.repeat(many));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(socket.writableLength).toBeLessThan(64 * 1024);
    wire.socket.resume();
    await until(() => wire.length >= first * (many + 1) || wire.closed, 20_000);
    const answers = answersIn(wire.received);
    expect(answers).toHaveLength(many + 1);
    expect(answers.every((answer) => answer.body.length === size)).toBe(true);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    wire.socket.destroy();
  });

  it('keeps the order of answers when one awaits a token look-up', async () => {
    await using node = await nodeWithOrders({
      security: { authenticate: (secret) => new Promise((resolve) => setTimeout(() => resolve(secret === TEST_ADMIN_TOKEN ? { principal: { name: 'admin', role: 'admin', tokenId: 't', tokenKind: 'api' }, expiresAt: null, serviceIds: null } : null), 30)), registry: { requireToken: true } },
    });
    const wire = await Wire.open(node);
    wire.send(post(Paths.registry.heartbeat, heartbeat, { 'X-Request-Id': 'awaits' }) + post(Paths.discovery.service, service, { 'X-Request-Id': 'at-once' }) + post(Paths.registry.heartbeat, heartbeat, { 'X-Request-Id': 'awaits-too', Authorization: 'Bearer wrong' }));
    const answers = await wire.answers(3);
    expect(answers.map((answer) => [answer.headers.get('x-request-id'), answer.status])).toEqual([
      ['awaits', 200],
      ['at-once', 200],
      ['awaits-too', 401],
    ]);
    wire.socket.destroy();
  });

  it('is off under fastLane: false, and every request then goes through node:http', async () => {
    await using node = await nodeWithOrders({ fastLane: false });
    expect(node.http.fastLane).toBeNull();
    const wire = await Wire.open(node);
    wire.send(post(Paths.discovery.service, service));
    expect((await wire.answers(1))[0]!.status).toBe(200);
    wire.socket.destroy();
  });
});

describe('the fast lane reading request heads', () => {
  /** What node:http reads of a head: method, target, headers and body, or its refusal. */
  async function nodeReads(heads: readonly string[]): Promise<(string | null)[]> {
    const { createServer } = await import('node:http');
    const seen: (string | null)[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      request.on('end', () => {
        response.end(JSON.stringify({ method: request.method, target: request.url, headers: request.headers, body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    for (const head of heads) {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(Buffer.from(head, 'latin1')));
        let received = '';
        socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
        socket.on('close', () => resolve(received));
        socket.on('error', () => resolve(received));
      });
      const [first] = answersIn(Buffer.from(answer, 'latin1'));
      seen.push(first?.status === 200 ? first.body : null);
    }
    server.close();
    return seen;
  }

  it('accepts only heads that node:http reads the same way, over variants of each part', async () => {
    const { readWireRequest } = await import('../src/index.js');
    const base = ['POST /api/registry/heartbeat.json?x=1 HTTP/1.1', 'Host: node', 'Content-Type: application/json', 'Content-Length: 2'];
    const variants: ((lines: string[]) => string[])[] = [
      (l) => l,
      (l) => l.map((line) => line.toUpperCase().replace('HTTP/1.1', 'HTTP/1.1')),
      (l) => [...l, 'X-Extra:   spaced value  '],
      (l) => [...l, 'X-Tab:\tvalue\t'],
      (l) => [...l, 'X-Dup: a', 'X-Dup: b'],
      (l) => [...l, 'Content-Length: 2'],
      (l) => [...l.slice(0, 3), 'Content-Length: +2'],
      (l) => [...l.slice(0, 3), 'Content-Length: 02'],
      (l) => [...l.slice(0, 3), 'Content-Length:  2 '],
      (l) => [...l.slice(0, 3), 'Content-Length: 2, 2'],
      (l) => [...l, 'Transfer-Encoding: chunked'],
      (l) => [...l, 'X-Folded: a', ' b'],
      (l) => [...l, 'Bad Name: x'],
      (l) => [...l, 'X-Nul: a\u0000b'],
      (l) => [...l, 'X-Cr: a\rb'],
      (l) => [...l, ': no name'],
      (l) => [...l, 'X-No-Colon'],
      (l) => [l[0]!.replace('POST', 'post'), ...l.slice(1)],
      (l) => [l[0]!.replace('HTTP/1.1', 'HTTP/1.0'), ...l.slice(1)],
      (l) => [l[0]!.replace('?x=1', '?x=1 y'), ...l.slice(1)],
      (l) => [l[0]!.replace('/api', 'api'), ...l.slice(1)],
      (l) => [l[0]!.replace(' HTTP', '  HTTP'), ...l.slice(1)],
      (l) => [l[0]!, ...l.slice(2)],
      (l) => [...l, 'Connection: keep-alive, close'],
      (l) => [...l, 'X-Obs-Text: caf\u00e9'],
      (l) => [...l, 'Content-Encoding: identity'],
      (l) => [...l, 'Expect: 100-continue'],
    ];
    const heads = variants.map((variant) => `${variant([...base]).join('\r\n')}\r\n\r\n{}`);
    const node = await nodeReads(heads);
    let accepted = 0;
    heads.forEach((head, index) => {
      const read = readWireRequest(Buffer.from(head, 'latin1'), 16 * 1024);
      if (typeof read === 'number') return;
      accepted += 1;
      const body = head.slice(read.headLength, read.headLength + read.bodyLength);
      const seen = node[index] === null ? null : (JSON.parse(node[index]!) as { method: string; target: string; headers: Record<string, string>; body: string });
      expect([head, seen === null ? null : { ...seen, headers: { ...seen.headers } }]).toEqual([head, { method: read.method, target: read.target, headers: { ...read.headers }, body }]);
    });
    expect(accepted).toBeGreaterThan(8);
  });
});
