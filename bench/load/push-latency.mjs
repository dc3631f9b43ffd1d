// Push latency: `subscribers` sessions subscribe to one service; then, `events` times, a new
// instance of it is registered over HTTP and every session's arrival time of that change is
// measured from the moment the register request was sent. Two transports: the Java WebSocket
// channel (`/ws/discovery/instance-change`, subscribe by sending a DiscoveryConfig) and
// socket.io (event names given by the caller, from @artemis/core).
import WebSocket from 'ws';
import { request } from 'undici';
import { percentiles } from '../lib/stats.mjs';

/** Sessions opened at once while connecting, so the handshakes do not all land together. */
const CONNECT_BATCH = 50;
/** How long the sessions get to register their subscription before the first event. */
const SETTLE_MS = 500;

async function connectJavaWs(url, serviceId, onText) {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.on('message', (data) => onText(data.toString()));
  socket.send(JSON.stringify({ serviceId }));
  return () => socket.close();
}

async function connectSocketIo(origin, serviceId, events, onText) {
  const { io } = await import('socket.io-client');
  const socket = io(origin, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  socket.on(events.instanceChange, (payload) => onText(payload.change.instance.instanceId));
  const reply = await socket.timeout(5_000).emitWithAck(events.subscribe, { serviceIds: [serviceId] });
  if (reply.responseStatus.status !== 'success') throw new Error(`subscribe failed: ${reply.responseStatus.message}`);
  return () => socket.close();
}

export async function pushLatency({ transport, url, origin, serviceId, subscribers, registerBodies, events, warmupEvents = 0, socketIoEvents, timeoutMs = 5_000 }) {
  const waiting = new Map(); // marker -> { sentAt, remaining, resolve }
  const latencies = [];
  const onText = (text) => {
    const now = performance.now();
    for (const [marker, pending] of waiting) {
      if (!text.includes(marker)) continue;
      if (pending.counted) latencies.push(now - pending.sentAt);
      if (--pending.remaining === 0) pending.resolve();
    }
  };
  const closers = [];
  for (let i = 0; i < subscribers; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, subscribers - i) }, () =>
      transport === 'java-ws' ? connectJavaWs(url, serviceId, onText) : connectSocketIo(origin, serviceId, socketIoEvents, onText),
    );
    closers.push(...(await Promise.all(batch)));
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  let missing = 0;
  // The first `warmupEvents` registrations warm the path up (JIT, buffers) and are not counted.
  for (let k = 0; k < warmupEvents + events; k++) {
    const { marker, body } = registerBodies[k];
    const counted = k >= warmupEvents;
    let timer;
    const arrived = new Promise((resolve) => {
      waiting.set(marker, { sentAt: performance.now(), remaining: subscribers, resolve, counted });
    });
    await request(origin + '/api/registry/register.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.body.dump());
    await Promise.race([arrived, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    if (counted) missing += waiting.get(marker).remaining;
    waiting.delete(marker);
  }
  for (const close of closers) close();
  return { subscribers, events, missing, latency: percentiles(latencies) };
}
