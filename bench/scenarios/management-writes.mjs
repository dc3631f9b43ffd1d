// Management scenario: the cost of a management write when the snapshot is large. A node holds
// 50,000 group instances (100 groups of 500); pull-outs and pull-ins of one instance are sent
// one at a time, then 8 at a time. Figures: write latency p50/p99, writes per second, and the
// node's longest event-loop stall while writing and while idle (the periodic check).
import { figure, goal } from '../lib/figures.mjs';
import { startArtemis } from '../lib/artemis-node.mjs';
import { operateInstance, seedGroupInstances } from '../lib/management.mjs';
import { progress } from '../lib/progress.mjs';
import { percentiles } from '../lib/stats.mjs';

const GROUPS = 100;
const PER_GROUP = 500;
const IN_FLIGHT = 8;

export default {
  name: 'management-writes',
  number: 12,
  title: 'management writes per second at 50,000 group instances',
  inQuick: false,
  async run(ctx) {
    const writes = ctx.quick ? 200 : 1_000;
    const node = await startArtemis(ctx);
    try {
      const started = performance.now();
      const members = await seedGroupInstances(node.url, GROUPS, PER_GROUP);
      progress(`  ${members.toLocaleString('en-US')} group instances written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      await node.ask('memory', { gc: true });
      const key = (i) => ({ regionId: 'default', serviceId: 'bench.orders', instanceId: `o-${i % 50}` });

      await node.ask('eld-reset');
      const sequential = new Float64Array(writes);
      const sequentialStart = performance.now();
      for (let i = 0; i < writes; i++) sequential[i] = await operateInstance(node.url, key(i), i % 2 === 1);
      const sequentialRate = writes / ((performance.now() - sequentialStart) / 1000);
      const writeStall = await node.ask('eld-read');
      const latency = percentiles(sequential);
      progress(`  sequential writes: ${sequentialRate.toFixed(0)}/s, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, event-loop max ${writeStall.max.toFixed(1)} ms`);

      let next = 0;
      const concurrentStart = performance.now();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          for (let i = next++; i < writes; i = next++) await operateInstance(node.url, key(i), i % 2 === 1);
        }),
      );
      const concurrentRate = writes / ((performance.now() - concurrentStart) / 1000);
      progress(`  ${IN_FLIGHT} writes in flight: ${concurrentRate.toFixed(0)}/s`);

      await node.ask('eld-reset');
      await new Promise((resolve) => setTimeout(resolve, ctx.quick ? 3_000 : 6_000));
      const idleStall = await node.ask('eld-read');
      return {
        figures: [
          figure('management write p50 (50,000 group instances)', latency.p50, 'ms'),
          figure('management write p99 (50,000 group instances)', latency.p99, 'ms'),
          figure('management writes per second, one at a time', sequentialRate, '/s'),
          figure(`management writes per second, ${IN_FLIGHT} in flight`, concurrentRate, '/s'),
          figure('event-loop max while writing', writeStall.max, 'ms', { goal: goal('<= 20 ms', writeStall.max <= 20) }),
          figure('event-loop max while idle', idleStall.max, 'ms', { goal: goal('<= 20 ms', idleStall.max <= 20) }),
        ],
        notes: [`${writes} operate-instance writes (pull-out, pull-in, alternating over 50 instance keys), timed at the client; ${GROUPS} groups of ${PER_GROUP} listed instanceIds in the snapshot. Writes are serialised across nodes, so 8 in flight measure queueing, not parallelism.`],
      };
    } finally {
      await node.stop();
    }
  },
};
