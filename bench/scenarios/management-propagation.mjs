// Management scenario: how long a write made on node A takes to change what node B serves, the
// two nodes sharing one Postgres database (LISTEN/NOTIFY, then B applies the change journal).
// B holds the instance; A pulls it out (B must stop serving it) and back in (B must serve it
// again); B's discovery is polled every millisecond from the moment A answered.
import { figure } from '../lib/figures.mjs';
import { startArtemis } from '../lib/artemis-node.mjs';
import { skipped } from '../lib/figures.mjs';
import { freshDatabase } from '../lib/database.mjs';
import { registerAll } from '../lib/http.mjs';
import { operateInstance, servedIds } from '../lib/management.mjs';
import { percentiles } from '../lib/stats.mjs';

const SERVICE = 'bench.propagation';

async function until(condition, timeoutMs) {
  const started = performance.now();
  for (;;) {
    if (await condition()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) return Number.NaN;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

export default {
  name: 'management-propagation',
  number: 13,
  title: 'a management write on node A seen by node B (shared Postgres)',
  inQuick: false,
  async run(ctx) {
    if (ctx.database !== 'postgres') return skipped('needs a Postgres server both nodes share (none answered)');
    const rounds = ctx.quick ? 20 : 100;
    const shared = freshDatabase(ctx, 'postgres');
    const a = await startArtemis(ctx, { env: shared });
    const b = await startArtemis(ctx, { env: shared });
    try {
      const instanceId = `${SERVICE}.node-1`;
      await registerAll(b.url, [{ serviceId: SERVICE, instanceId, regionId: 'default', zoneId: 'default', ip: '10.9.9.9', port: 8080, url: 'http://10.9.9.9:8080', status: 'up' }]);
      const key = { regionId: 'default', serviceId: SERVICE, instanceId };
      const times = [];
      for (let i = 0; i < rounds; i++) {
        await operateInstance(a.url, key, false);
        times.push(await until(async () => (await servedIds(b.url, SERVICE)).length === 0, 10_000));
        await operateInstance(a.url, key, true);
        times.push(await until(async () => (await servedIds(b.url, SERVICE)).length === 1, 10_000));
      }
      const seen = times.filter((t) => !Number.isNaN(t));
      const p = percentiles(Float64Array.from(seen));
      return {
        figures: [
          figure('write on A to discovery on B, p50', p.p50 ?? NaN, 'ms'),
          figure('write on A to discovery on B, p99', p.p99 ?? NaN, 'ms'),
          figure('write on A to discovery on B, max', p.max ?? NaN, 'ms'),
          figure('writes never seen on B within 10 s', times.length - seen.length, 'writes'),
        ],
        notes: [`${rounds} pull-outs and ${rounds} pull-ins on A, each timed from A's answer until B's service.json changed (polled every ms, so figures include up to a poll's round trip).`],
      };
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  },
};
