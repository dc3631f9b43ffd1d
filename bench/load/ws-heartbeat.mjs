// Heartbeats over the Java WebSocket channel (`/ws/registry/heartbeat`): each text frame is a
// HeartbeatRequest, each reply a HeartbeatResponse. Every connection keeps `inFlight` frames
// outstanding (the channel answers in order), so this measures the channel's saturation rate.
import WebSocket from 'ws';
import { percentiles } from '../lib/stats.mjs';

export async function wsHeartbeat({ url, bodies, connections, inFlight, warmupMs, durationMs }) {
  const sockets = await Promise.all(
    Array.from({ length: connections }, () => new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
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
      const sentAt = [];
      const send = () => {
        sentAt.push(performance.now());
        socket.send(bodies[next++ % bodies.length]);
      };
      socket.on('message', (data) => {
        const now = performance.now();
        const started = sentAt.shift();
        if (started >= windowStart && now < windowEnd) {
          repliesInWindow += 1;
          latencies.push(now - started);
          if (!data.toString().includes('"success"')) failedReplies += 1;
        }
        if (now < windowEnd) send();
        else if (sentAt.length === 0) {
          socket.close();
          done();
        }
      });
      for (let i = 0; i < inFlight; i++) send();
    }
  });
}
