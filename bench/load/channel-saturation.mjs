// Saturation of a request/reply channel (a WebSocket, a socket.io connection): every connection
// keeps `inFlight` requests outstanding, sending the next as each reply arrives, until the
// measured window ends. Latency runs from each send to its reply.
import { percentiles } from '../lib/stats.mjs';

/**
 * @param connections channels, each `{ send(body, onReply), close() }`; `onReply(ok)` is called
 *   once per request, in order, with whether the reply reported success
 */
export function saturateChannels({ connections, bodies, inFlight, warmupMs, durationMs }) {
  const latencies = [];
  const cpuStart = process.cpuUsage();
  const t0 = performance.now();
  const windowStart = t0 + warmupMs;
  const windowEnd = windowStart + durationMs;
  let next = 0;
  let repliesInWindow = 0;
  let failedReplies = 0;
  let open = connections.length;
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
    for (const connection of connections) {
      let outstanding = 0;
      const send = () => {
        const sentAt = performance.now();
        outstanding += 1;
        connection.send(bodies[next++ % bodies.length], (ok) => {
          outstanding -= 1;
          const now = performance.now();
          if (sentAt >= windowStart && now < windowEnd) {
            repliesInWindow += 1;
            latencies.push(now - sentAt);
            if (!ok) failedReplies += 1;
          }
          if (now < windowEnd) send();
          else if (outstanding === 0) {
            connection.close();
            done();
          }
        });
      };
      for (let i = 0; i < inFlight; i++) send();
    }
  });
}
