// Open-loop load: request i is due at t0 + i/rate whatever happened to the earlier ones, and its
// latency is measured from that intended time, so a server that falls behind shows it in the
// percentiles instead of slowing the generator down (no coordinated omission). The first
// `warmupMs` are sent but not counted.
import { percentiles } from '../lib/stats.mjs';
import { createSender } from './http-sender.mjs';

/** Past this many requests waiting for an answer, the step is called saturated and stops sending. */
const DEFAULT_MAX_BACKLOG = 20_000;
/** How long answers still in flight are awaited after the last send. */
const DRAIN_MS = 5_000;

export function openLoop({ origin, path, bodies, rate, warmupMs, durationMs, connections, maxBacklog = DEFAULT_MAX_BACKLOG }) {
  const sender = createSender(origin, connections);
  const interval = 1000 / rate;
  const total = Math.round((rate * (warmupMs + durationMs)) / 1000);
  const latencies = new Float64Array(total);
  const cpuStart = process.cpuUsage();
  let recorded = 0;
  let sent = 0;
  let completed = 0;
  let completedInWindow = 0;
  let errors = 0;
  let non2xx = 0;
  let responseBytes = 0;
  let lagSum = 0;
  let saturated = false;
  const t0 = performance.now() + 10;
  const windowStart = t0 + warmupMs;
  const windowEnd = windowStart + durationMs;

  return new Promise((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      sender.close();
      const cpu = process.cpuUsage(cpuStart);
      const wall = performance.now() - t0;
      const measured = percentiles(latencies, recorded);
      resolve({
        offeredRate: rate,
        sent,
        completed,
        achievedRate: (completedInWindow * 1000) / durationMs,
        errors,
        non2xx,
        saturated,
        meanResponseBytes: completed > 0 ? responseBytes / completed : 0,
        meanSendLagMs: sent > 0 ? lagSum / sent : 0,
        generatorCpu: (cpu.user + cpu.system) / 1000 / wall,
        latency: measured,
      });
    };
    const onAnswer = (intended) => (status, bytes, error) => {
      const now = performance.now();
      completed += 1;
      if (error !== undefined) errors += 1;
      else if (status < 200 || status >= 300) non2xx += 1;
      responseBytes += bytes;
      if (now >= windowStart && now < windowEnd) completedInWindow += 1;
      if (intended >= windowStart) latencies[recorded++] = now - intended;
      if (completed === sent && (sent === total || saturated)) finish();
    };
    const pump = () => {
      const now = performance.now();
      while (sent < total && t0 + sent * interval <= now) {
        if (sent - completed > maxBacklog) {
          saturated = true;
          break;
        }
        const intended = t0 + sent * interval;
        lagSum += now - intended;
        sender.post(path, bodies[sent % bodies.length], onAnswer(intended));
        sent += 1;
      }
      if (sent < total && !saturated) setImmediate(pump);
      else setTimeout(finish, DRAIN_MS).unref();
    };
    setTimeout(pump, 10);
  });
}
