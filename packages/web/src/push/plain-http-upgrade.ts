import { IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** True when a request asks to become a WebSocket; any other `Upgrade:` (h2c, ...) is plain HTTP to us. */
export function isWebSocketUpgrade(request: IncomingMessage): boolean {
  return (request.headers.upgrade ?? '').split(',').some((protocol) => protocol.trim().toLowerCase() === 'websocket');
}

/**
 * Serves a request that named an upgrade we do not speak (`curl --http2` sends `Upgrade: h2c`)
 * as the plain HTTP request it also is, on the connection node:http handed over for the
 * upgrade: the parser is gone, so the body (Content-Length only) is fed to the request by hand,
 * and the connection closes after the answer.
 */
export function servePlainHttp(server: Server, upgrade: IncomingMessage, socket: Duplex, head: Buffer): void {
  // node:http ended the upgrade request without a body; a fresh one carries the same head and the body.
  const request = new IncomingMessage(socket as Socket);
  request.method = upgrade.method;
  request.url = upgrade.url;
  request.headers = upgrade.headers;
  request.rawHeaders = upgrade.rawHeaders;
  request.httpVersion = upgrade.httpVersion;
  request.httpVersionMajor = upgrade.httpVersionMajor;
  request.httpVersionMinor = upgrade.httpVersionMinor;
  const response = new ServerResponse(request);
  response.shouldKeepAlive = false;
  response.assignSocket(socket as never);
  response.once('finish', () => {
    response.detachSocket(socket as never);
    socket.end();
  });
  socket.once('error', () => socket.destroy());
  const length = Number(request.headers['content-length'] ?? 0);
  const chunked = /chunked/i.test(request.headers['transfer-encoding'] ?? '');
  if (chunked || !Number.isSafeInteger(length) || length < 0) {
    response.statusCode = 400;
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify({ responseStatus: { errorCode: 'bad-request', message: `a request with Upgrade: ${String(request.headers.upgrade)} must carry its body with Content-Length`, status: 'fail' } }));
    return;
  }
  let remaining = length;
  const feed = (chunk: Buffer): void => {
    if (remaining <= 0) return;
    const part = chunk.subarray(0, remaining);
    remaining -= part.length;
    request.push(part);
    if (remaining === 0) {
      socket.off('data', feed);
      end();
    }
  };
  // Marked complete, or the request would count as aborted when it ends and take the socket down.
  const end = (): void => {
    request.complete = true;
    request.push(null);
  };
  if (remaining === 0) end();
  else {
    feed(head);
    if (remaining > 0) socket.on('data', feed);
  }
  server.emit('request', request, response);
}
