import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP proxy in front of a node, so a test can cut the client's connections without touching the node. */
export interface TcpProxy extends AsyncDisposable {
  readonly url: string;
  /** Destroys every open connection and refuses new ones until `open()`. */
  cut(): void;
  open(): void;
}

/** Starts a proxy to `target`, or to whatever `target()` names when a connection comes (a node started after the proxy). */
export async function startProxy(target: string | (() => string)): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let refusing = false;
  const server: Server = createServer((incoming) => {
    if (refusing) {
      incoming.destroy();
      return;
    }
    const { hostname, port } = new URL(typeof target === 'string' ? target : target());
    const outgoing = connect(Number(port), hostname);
    sockets.add(incoming).add(outgoing);
    const end = (): void => {
      incoming.destroy();
      outgoing.destroy();
      sockets.delete(incoming);
      sockets.delete(outgoing);
    };
    incoming.on('error', end).on('close', end);
    outgoing.on('error', end).on('close', end);
    incoming.pipe(outgoing);
    outgoing.pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    open() {
      refusing = false;
    },
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
