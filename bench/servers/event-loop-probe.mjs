// Preloaded into the server under test (`node --import`): reports, over the IPC channel the
// bench opened, the event-loop delay measured inside the server (perf_hooks) and the memory
// after a full GC. It keeps the probe out of the server's code; it does nothing unless the
// process was started with an IPC channel.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { serveIpc } from '../lib/ipc.mjs';

if (typeof process.send === 'function') {
  // A 2 ms sampling timer. The histogram records the whole time between two ticks of that timer,
  // so the period itself is taken off: what is reported is the delay beyond it (0 when idle).
  const RESOLUTION_MS = 2;
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const beyond = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  // Garbage-collection pauses over the same window: a latency p99 far above the loop delay's
  // p99 is often one long pause (a full collection of a large heap) that a 2 ms sampler sees once.
  let gc = { count: 0, totalMs: 0, maxMs: 0, majorMaxMs: 0 };
  const MAJOR = 4; // perf_hooks.constants.NODE_PERFORMANCE_GC_MAJOR
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      if (entry.detail?.kind === MAJOR) gc.majorMaxMs = Math.max(gc.majorMaxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  serveIpc({
    'eld-reset': () => {
      delay.reset();
      gc = { count: 0, totalMs: 0, maxMs: 0, majorMaxMs: 0 };
      return {};
    },
    'eld-read': () => ({
      p50: beyond(delay.percentile(50)),
      p99: beyond(delay.percentile(99)),
      p999: beyond(delay.percentile(99.9)),
      max: beyond(delay.max),
      samples: delay.count,
      gc: { ...gc },
    }),
    memory: ({ gc }) => {
      if (gc && typeof globalThis.gc === 'function') {
        globalThis.gc();
        globalThis.gc();
      }
      return { ...process.memoryUsage(), gcRan: gc && typeof globalThis.gc === 'function' };
    },
  });
  // The IPC channel must not keep a server alive that is otherwise shutting down.
  process.channel?.unref();
}
