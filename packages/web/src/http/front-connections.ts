import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Puts `front` before whatever already handles the server's new connections (node:http's parser,
 * the TLS handshake, an earlier front): `front` gets each socket and `rest`, which hands the
 * socket on, and decides whether and when to call it.
 */
export function frontConnections(server: Server, front: (socket: Socket, rest: (socket: Socket) => void) => void): void {
  const handlers = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  const rest = (socket: Socket): void => {
    for (const handler of handlers) handler.call(server, socket);
  };
  server.on('connection', (socket: Socket) => front(socket, rest));
}
