// Saturation: every connection keeps one request in flight and sends the next as soon as the
// answer arrives. This measures the most a server can answer (requests/s); its latencies are
// those of a saturated server and are reported as such, never as the latency at a given load.
import { percentiles } from '../lib/stats.mjs';
import { createSender } from './http-sender.mjs';

export function closedLoop({ origin, path, bodies, warmupMs, durationMs, connections }) {
  const sender = createSender(origin, connections);
  const latencies = [];
  const cpuStart = process.cpuUsage();
  const t0 = performance.now();
  const windowStart = t0 + warmupMs;
  const windowEnd = windowStart + durationMs;
  let next = 0;
  let completedInWindow = 0;
  let errors = 0;
  let non2xx = 0;
  let responseBytes = 0;
  let running = connections;
  return new Promise((resolve) => {
    const loop = () => {
      const started = performance.now();
      if (started >= windowEnd) {
        if (--running === 0) {
          sender.close();
          const cpu = process.cpuUsage(cpuStart);
          resolve({
            connections,
            achievedRate: (completedInWindow * 1000) / durationMs,
            errors,
            non2xx,
            meanResponseBytes: completedInWindow > 0 ? responseBytes / completedInWindow : 0,
            generatorCpu: (cpu.user + cpu.system) / 1000 / (performance.now() - t0),
            latency: percentiles(latencies),
          });
        }
        return;
      }
      sender.post(path, bodies[next++ % bodies.length], (status, bytes, error) => {
        const now = performance.now();
        if (error !== undefined) errors += 1;
        else if (status < 200 || status >= 300) non2xx += 1;
        if (started >= windowStart && now < windowEnd) {
          completedInWindow += 1;
          responseBytes += bytes;
          latencies.push(now - started);
        }
        loop();
      });
    };
    for (let c = 0; c < connections; c++) loop();
  });
}
