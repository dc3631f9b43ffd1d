// Scenario 8: 100,000 leases expiring together. The node gets a short TTL; every instance is
// registered, then all are renewed in one burst (so their expiries fall within well under a
// second); then nothing renews them. Figures: the cleaner's passes (count, wall time, slices,
// from its `leases-cleaned` log line) and the event-loop delay inside the node over the expiry.
import { startArtemis } from '../lib/artemis-node.mjs';
import { figure, goal } from '../lib/figures.mjs';
import { allInstances, heartbeatBodies } from '../lib/fixtures.mjs';
import { int, ms } from '../lib/format.mjs';
import { postJson, registerAll } from '../lib/http.mjs';
import { progress } from '../lib/progress.mjs';

const TOTAL = 100_000;
const STALL_GOAL_MS = 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export default {
  name: 'lease-cleaning',
  number: 8,
  title: 'Lease cleaning: 100,000 leases expiring together',
  inQuick: true,
  async run(ctx) {
    const ttlMs = ctx.quick ? 6_000 : 10_000;
    // Self-preservation would (rightly) stop a mass expiry; this scenario measures the cleaner.
    const node = await startArtemis(ctx, { env: { ARTEMIS_LEASE__TTL_MS: String(ttlMs), ARTEMIS_SELF_PRESERVATION__ENABLED: 'false' } });
    try {
      await registerAll(node.url, allInstances());
      await node.ask('memory', { gc: true });
      const renewals = heartbeatBodies(1000);
      const burstStart = performance.now();
      const pending = [];
      for (const body of renewals) {
        pending.push(postJson(node.url, '/api/registry/heartbeat.json', body));
        if (pending.length >= 4) await pending.shift();
      }
      await Promise.all(pending);
      const burstMs = performance.now() - burstStart;
      progress(`  renewed all ${int(TOTAL)} leases within ${ms(burstMs)}; they expire ${ttlMs / 1000} s later`);
      const logLinesBefore = node.log.lines.length;
      await sleep(Math.max(0, burstStart + ttlMs - 300 - performance.now()));
      await node.ask('eld-reset');
      const windowStart = performance.now();
      let removed = 0;
      const deadline = performance.now() + 30_000;
      while (removed < TOTAL && performance.now() < deadline) {
        await sleep(50);
        removed = node.log.lines.slice(logLinesBefore).filter((l) => l.event === 'leases-cleaned').reduce((sum, l) => sum + l.count, 0);
      }
      await sleep(200);
      const delay = await node.ask('eld-read');
      const passes = node.log.lines.slice(logLinesBefore).filter((l) => l.event === 'leases-cleaned');
      const windowMs = performance.now() - windowStart;
      const largest = passes.reduce((best, p) => (p.count > (best?.count ?? 0) ? p : best), null);
      const longest = Math.max(...passes.map((p) => p.passMs ?? 0));
      const slices = passes.reduce((sum, p) => sum + (p.slices ?? 0), 0);
      progress(`  ${passes.length} passes removed ${int(removed)} leases; largest ${int(largest?.count)} in ${ms(largest?.passMs)} (${largest?.slices} slices)`);
      progress(`  event-loop delay inside the node over ${ms(windowMs)}: p50 ${ms(delay.p50)}, p99 ${ms(delay.p99)}, max ${ms(delay.max)}`);
      if (removed < TOTAL) throw new Error(`only ${removed} of ${TOTAL} leases were cleaned within 30 s`);
      return {
        figures: [
          figure('leases removed', removed, 'leases'),
          figure('cleaning passes that removed leases', passes.length, 'passes'),
          figure('largest pass: leases removed', largest.count, 'leases'),
          figure('largest pass: wall time (slices of <= 4 ms, yielding between)', largest.passMs, 'ms'),
          figure('longest pass: wall time', longest, 'ms'),
          figure('slices, all passes', slices, 'slices'),
          figure('event-loop delay p99 during the expiry', delay.p99, 'ms'),
          figure('event-loop delay max during the expiry', delay.max, 'ms', { goal: goal(`no stall > ${STALL_GOAL_MS} ms`, delay.max <= STALL_GOAL_MS) }),
        ],
        notes: [
          `TTL ${ttlMs / 1000} s, cleaner every 100 ms (default), self-preservation off. The renewal burst took ${ms(burstMs)}, so the expiries spread over about that much.`,
          `Event-loop delay measured inside the node (perf_hooks.monitorEventLoopDelay, 2 ms resolution) from 300 ms before the first expiry to 200 ms after the last removal (${ms(windowMs)}).`,
        ],
      };
    } finally {
      await node.stop();
    }
  },
};
