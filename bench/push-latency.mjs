// Push latency: a register over HTTP -> the change event at 100 socket.io subscribers and 100
// Java WebSocket subscribers of the service. The node runs in its own process; subscribers
// and the registering client share this one. Run after `pnpm build`:
//   node bench/push-latency.mjs [rounds]
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import { client, instance, percentiles, startNode } from './lib.mjs';

const SUBSCRIBERS = 100;
const ROUNDS = Number(process.argv[2] ?? 300);
const SERVICE = 'bench.service.7';

const node = await startNode({ vars: { ARTEMIS_RATE_LIMITS__REGISTRY__ENABLED: 'false' } });
const http = client(node.url, 1);
const sent = new Map();
const samples = { socketIo: [], websocket: [] };
let pending = 0;
let roundDone = () => undefined;

function received(kind, instanceId) {
  const at = performance.now();
  const t0 = sent.get(instanceId);
  if (t0 === undefined) return;
  samples[kind].push(at - t0);
  if (--pending === 0) roundDone();
}

const sockets = [];
for (let n = 0; n < SUBSCRIBERS; n++) {
  const socket = io(node.url, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
  await socket.emitWithAck('subscribe', { serviceIds: [SERVICE] });
  socket.on('instance-change', (push) => received('socketIo', push.change.instance.instanceId));
  sockets.push(socket);
}
const wsBase = node.url.replace('http', 'ws');
for (let n = 0; n < SUBSCRIBERS; n++) {
  const ws = new WebSocket(`${wsBase}/ws/discovery/instance-change`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ serviceId: SERVICE }));
  ws.on('message', (data) => received('websocket', JSON.parse(data.toString()).instance.instanceId));
  sockets.push(ws);
}
await new Promise((resolve) => setTimeout(resolve, 200));
console.log(`${SUBSCRIBERS} socket.io + ${SUBSCRIBERS} WebSocket subscribers on ${node.url}; ${ROUNDS} registrations`);

for (let round = 0; round < ROUNDS; round++) {
  const one = { ...instance(7, 0), instanceId: `push-${round}` };
  pending = SUBSCRIBERS * 2;
  const done = new Promise((resolve) => (roundDone = resolve));
  sent.set(one.instanceId, performance.now());
  const response = await http.post('/api/registry/register.json', { instances: [one] });
  if (response.status !== 200) throw new Error(`register answered ${response.status}`);
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 2000))]);
  if (pending > 0) console.log(`round ${round}: ${pending} events missing after 2 s`);
  await new Promise((resolve) => setTimeout(resolve, 10));
}

for (const [kind, values] of Object.entries(samples)) {
  const p = percentiles(values);
  console.log(`${kind.padEnd(9)} register -> event: n ${p.count}, p50 ${p.p50.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms, max ${p.max.toFixed(2)} ms`);
}
for (const socket of sockets) (socket.disconnect ?? socket.terminate).call(socket);
http.close();
await node.stop();
