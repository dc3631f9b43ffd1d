// Heartbeats over socket.io: each `heartbeat` event carries a HeartbeatRequest and is
// acknowledged with the HeartbeatResponse. Every connection keeps `inFlight` heartbeats
// unacknowledged, so this measures the channel's saturation rate, like ws-heartbeat.mjs.
import { percentiles } from '../lib/stats.mjs';

export async function socketIoHeartbeat({ origin, events, bodies, connections, inFlight, warmupMs, durationMs }) {
  const { io } = await import('socket.io-client');
  const requests = bodies.map((body) => JSON.parse(body));
  const sockets = await Promise.all(
    Array.from({ length: connections }, () => new Promise((resolve, reject) => {
      const socket = io(origin, { transports: ['websocket'], reconnection: false, forceNew: true });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    })),
  );
  const latencies = [];
  const cpuStart = process.cpuUsage();
  const t0 = performance.now();
  const windowStart = t0 + warmupMs;
  const windowEnd = windowStart + durationMs;
  let next = 0;
  let repliesInWindow = 0;
  let failedReplies = 0;
  let open = connections;
  return new Promise((resolve) => {
    const done = () => {
      if (--open > 0) return;
      const cpu = process.cpuUsage(cpuStart);
      resolve({
        framesPerSecond: (repliesInWindow * 1000) / durationMs,
        failedReplies,
        generatorCpu: (cpu.user + cpu.system) / 1000 / (performance.now() - t0),
        latency: percentiles(latencies),
      });
    };
    for (const socket of sockets) {
      let outstanding = 0;
      const send = () => {
        const sentAt = performance.now();
        outstanding += 1;
        socket.emit(events.heartbeat, requests[next++ % requests.length], (response) => {
          outstanding -= 1;
          const now = performance.now();
          if (sentAt >= windowStart && now < windowEnd) {
            repliesInWindow += 1;
            latencies.push(now - sentAt);
            if (response.responseStatus.status !== 'success') failedReplies += 1;
          }
          if (now < windowEnd) send();
          else if (outstanding === 0) {
            socket.close();
            done();
          }
        });
      };
      for (let i = 0; i < inFlight; i++) send();
    }
  });
}
