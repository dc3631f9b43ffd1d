/* global process, console, setInterval, performance, fetch, AbortSignal */
// A small service that registers itself with Artemis and calls another service through pick().
// Run two of them against a node (`pnpm start`):
//   node examples/orders-service.mjs orders 3001 payments
//   node examples/orders-service.mjs payments 3002 orders
import { createServer } from 'node:http';
import { ArtemisClient } from '@artemis/client';

const [serviceId = 'orders', port = '3001', peer = 'payments'] = process.argv.slice(2);
const url = `http://127.0.0.1:${port}`;

const client = new ArtemisClient({ servers: [process.env.ARTEMIS_URL ?? 'http://127.0.0.1:8080'], handleSignals: true });
client.on('error', ({ error, context }) => console.warn(`artemis: ${context}: ${error.message}`));

const server = createServer((req, res) => res.end(JSON.stringify({ service: serviceId, port })));
await new Promise((resolve) => server.listen(Number(port), '127.0.0.1', resolve));
client.on('closed', () => server.close());

await client.register([{ serviceId, instanceId: `${serviceId}-${port}`, ip: '127.0.0.1', port: Number(port), url, health: () => server.listening }]);
console.log(`${serviceId} listening on ${url}, registered`);

const peers = client.service(peer, { outlierEjection: {} });
setInterval(async () => {
  const instance = peers.pick();
  if (instance === undefined) return console.log(`no ${peer} instance yet`);
  const started = performance.now();
  try {
    const answer = await fetch(instance.url, { signal: AbortSignal.timeout(1000) }).then((r) => r.json());
    peers.report(instance, { ok: true, latencyMs: performance.now() - started });
    console.log(`called ${peer}:`, answer);
  } catch (error) {
    peers.report(instance, { ok: false, latencyMs: performance.now() - started });
    console.log(`call to ${instance.url} failed: ${error.message}`);
  }
}, 2000).unref();
