// Scenario 7: push latency from a register to the change arriving at 1,000 subscribers of that
// service, over the Java WebSocket channel (`/ws/discovery/instance-change`) and socket.io.
// Measured in the generator process, from sending the register to each subscriber receiving it,
// after 5 registrations that warm the path up and are not counted;
// the 1,000 sessions share one core there, so the last of them reads its message later than the
// first, and that is part of the figure. Skips, saying why, while the node has no push channels.
import { figure, goal, skipped } from '../lib/figures.mjs';
import { instance } from '../lib/fixtures.mjs';
import { int, ms } from '../lib/format.mjs';
import { startArtemis } from '../lib/artemis-node.mjs';
import { loadRegistry } from '../lib/loaded-node.mjs';
import { probeJavaWs, probeSocketIo } from '../lib/push-capability.mjs';
import { progress } from '../lib/progress.mjs';

/** Subscriber counts measured: 100 (issue 4's figure) and 1,000 (the goal's). */
const SUBSCRIBER_COUNTS = [100, 1_000];
const GOAL_P99_MS = 50;
const SERVICE = 42;

function registerBodies(count) {
  return Array.from({ length: count }, (_, k) => {
    const marker = `bench-push-${k}-${Date.now()}`;
    return { marker, body: JSON.stringify({ instances: [instance(SERVICE, 100 + k, { instanceId: marker })] }) };
  });
}

export default {
  name: 'push-latency',
  number: 7,
  title: 'Push latency: register -> change at 100 and 1,000 subscribers',
  inQuick: true,
  async run(ctx) {
    // The channels are probed before the registry is loaded, so that a skip costs a second.
    const node = await startArtemis(ctx, { env: { ARTEMIS_LEASE__TTL_MS: String(3_600_000) } });
    try {
      const ws = await probeJavaWs(node.url, '/ws/discovery/instance-change');
      const sio = await probeSocketIo(node.url);
      if (!ws.available && !sio.available) return skipped(`push channels not available on this node: ${ws.reason}; ${sio.reason}`);
      await loadRegistry(node);
      const events = ctx.quick ? 10 : 50;
      const warmupEvents = 5;
      const figures = [];
      const notes = [];
      const transports = [];
      if (ws.available) transports.push(['java-ws', 'Java WebSocket', { url: ws.url }]);
      else notes.push(`Java WebSocket push skipped: ${ws.reason}.`);
      if (sio.available) transports.push(['socket.io', 'socket.io', { socketIoEvents: sio.events }]);
      else notes.push(`socket.io push skipped: ${sio.reason}.`);
      for (const [transport, label, extra] of transports) for (const subscribers of ctx.quick ? [1_000] : SUBSCRIBER_COUNTS) {
        const result = await ctx.generator.run('push-latency', {
          transport,
          origin: node.url,
          serviceId: `bench.service.${SERVICE}`,
          subscribers,
          events,
          warmupEvents,
          registerBodies: registerBodies(warmupEvents + events),
          ...extra,
        });
        progress(`  ${label}, ${int(subscribers)} subscribers: ${int(result.latency.count)} deliveries, p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}, max ${ms(result.latency.max)}, missing ${result.missing}`);
        figures.push(figure(`${label} push to ${int(subscribers)} subscribers: p50`, result.latency.p50, 'ms'));
        figures.push(
          figure(`${label} push to ${int(subscribers)} subscribers: p99`, result.latency.p99, 'ms', {
            ...(subscribers === 1_000 ? { goal: goal(`< ${GOAL_P99_MS} ms`, result.latency.p99 < GOAL_P99_MS && result.missing === 0) } : {}),
            note: `${result.missing} deliveries missing`,
          }),
        );
      }
      return { figures, notes };
    } finally {
      await node.stop();
    }
  },
};
