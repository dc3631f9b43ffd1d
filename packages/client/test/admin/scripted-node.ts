import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a scripted node received. */
export interface Received {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** A real HTTP server answering each request with what `answer` returns, recording what it got. */
export interface ScriptedNode extends AsyncDisposable {
  readonly url: string;
  readonly received: Received[];
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text === '' ? null : (JSON.parse(text) as unknown);
}

export async function scriptedNode(answer: (path: string) => { status: number; body: string }): Promise<ScriptedNode> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      received.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
      const { status, body: text } = answer(request.url ?? '');
      response.writeHead(status, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A URL on which nothing listens: a port taken and released. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

export const ok = (extra: object = {}) => ({ status: 200, body: JSON.stringify({ responseStatus: { errorCode: 'success', message: '', status: 'success' }, ...extra }) });
export const fail = (errorCode: string, message: string, status = 200) => ({ status, body: JSON.stringify({ responseStatus: { errorCode, message, status: 'fail' } }) });
