// Scenario 3: heartbeats over the Java WebSocket channel (`/ws/registry/heartbeat`, one
// HeartbeatRequest per text frame, one HeartbeatResponse back) and over socket.io: renewals/s
// with batches of 100 keys and with single keys. Skips, saying why, while the node has no push
// channels.
import { figure, skipped } from '../lib/figures.mjs';
import { heartbeatBodies } from '../lib/fixtures.mjs';
import { int, ms, pct } from '../lib/format.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { measureStep } from '../lib/load-steps.mjs';
import { startArtemis } from '../lib/artemis-node.mjs';
import { loadRegistry } from '../lib/loaded-node.mjs';
import { probeJavaWs, probeSocketIo } from '../lib/push-capability.mjs';
import { progress } from '../lib/progress.mjs';

const CONNECTIONS = 16;
/** Frames each connection keeps unanswered: the channel answers in order, like pipelining. */
const IN_FLIGHT = 4;

export default {
  name: 'heartbeat-push',
  number: 3,
  title: 'Heartbeat over the Java WebSocket channel and socket.io',
  inQuick: true,
  async run(ctx) {
    // The channels are probed before the registry is loaded, so that a skip costs a second.
    const node = await startArtemis(ctx, { env: { ARTEMIS_LEASE__TTL_MS: String(3_600_000) } });
    try {
      const ws = await probeJavaWs(node.url, '/ws/registry/heartbeat');
      const sio = await probeSocketIo(node.url);
      if (!ws.available && !sio.available) return skipped(`push channels not available on this node: ${ws.reason}; ${sio.reason}`);
      await loadRegistry(node);
      const figures = [];
      const notes = [];
      if (ws.available) {
        for (const size of ctx.quick ? [100] : [100, 1]) {
          const file = bodiesFile(ctx, `ws-heartbeat-${size}`, heartbeatBodies(size, size === 1 ? { count: 10_000 } : {}));
          const result = await measureStep(ctx, node, () =>
            ctx.generator.run('ws-heartbeat', { url: ws.url, bodiesFile: file, connections: CONNECTIONS, inFlight: IN_FLIGHT, ...ctx.timing }),
          );
          progress(
            `  Java WebSocket heartbeat x${size}: ${int(result.framesPerSecond)} frames/s = ${int(result.framesPerSecond * size)} renewals/s, p99 ${ms(result.latency.p99)}, failed replies ${result.failedReplies}, generator CPU ${pct(result.generatorCpu)}`,
          );
          figures.push(figure(`Java WebSocket heartbeat, ${size === 1 ? 'single keys' : `batches of ${size} keys`}, saturated`, result.framesPerSecond * size, 'renewals/s', { note: `p99 ${result.latency.p99?.toFixed(2)} ms per frame` }));
        }
      } else {
        notes.push(`Java WebSocket heartbeat skipped: ${ws.reason}.`);
      }
      if (sio.available) {
        for (const size of ctx.quick ? [100] : [100, 1]) {
          const file = bodiesFile(ctx, `sio-heartbeat-${size}`, heartbeatBodies(size, size === 1 ? { count: 10_000 } : {}));
          const result = await measureStep(ctx, node, () =>
            ctx.generator.run('socket-io-heartbeat', { origin: node.url, events: sio.events, bodiesFile: file, connections: CONNECTIONS, inFlight: IN_FLIGHT, ...ctx.timing }),
          );
          progress(
            `  socket.io heartbeat x${size}: ${int(result.framesPerSecond)} acks/s = ${int(result.framesPerSecond * size)} renewals/s, p99 ${ms(result.latency.p99)}, failed replies ${result.failedReplies}, generator CPU ${pct(result.generatorCpu)}`,
          );
          figures.push(figure(`socket.io heartbeat, ${size === 1 ? 'single keys' : `batches of ${size} keys`}, saturated`, result.framesPerSecond * size, 'renewals/s', { note: `p99 ${result.latency.p99?.toFixed(2)} ms per heartbeat` }));
        }
      } else {
        notes.push(`socket.io heartbeat skipped: ${sio.reason}.`);
      }
      return { figures, notes, ...(figures.length === 0 ? { skipped: notes.join(' ') } : {}) };
    } finally {
      await node.stop();
    }
  },
};
