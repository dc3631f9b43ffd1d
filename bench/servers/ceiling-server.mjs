// The ceiling: a bare node:http server that answers each path with fixed bytes (status, headers
// and body captured from the server under test), after reading the request body like a real
// handler must. Whatever the server under test does on top of this is its own cost.
//   node ceiling-server.mjs ROUTES.json   -> prints {"url": "..."} once listening
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const routes = new Map();
for (const [path, route] of Object.entries(JSON.parse(readFileSync(process.argv[2], 'utf8')))) {
  routes.set(path, { status: route.status, headers: route.headers, body: Buffer.from(route.body, 'base64') });
}

const server = createServer((request, response) => {
  const url = request.url ?? '/';
  const mark = url.indexOf('?');
  const route = routes.get(mark < 0 ? url : url.slice(0, mark));
  // Drain the body: a server must read a POST body before it can answer it.
  request.on('data', () => {});
  request.on('end', () => {
    if (route === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(route.status, route.headers);
    response.end(route.body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => process.exit(0));
