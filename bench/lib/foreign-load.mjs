// This machine is shared: other programs (builds, tests) may use its two cores while a step
// runs, and a VM may lose time to its host (steal). Both distort latency more than anything the
// server does, so every step measures them: the CPU time used by processes other than the bench's
// own, and the steal time, from /proc. A step that others disturbed is run again.
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function systemTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return { busy: user + nice + system + irq + softirq, steal };
}

function processTicks(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15 of stat; 12 and 13 after the name). Not the children's
    // times: a child that exits would add its whole life to the window.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Starts measuring; `stop()` returns the cores used by others and lost to steal, on average. */
export function watchForeignLoad(ownPids) {
  const available = process.platform === 'linux';
  if (!available) return { stop: () => ({ foreignCores: null, stealCores: null, coresByPid: {} }) };
  const pids = [...new Set(ownPids.filter(Boolean))];
  const startSystem = systemTicks();
  const startOwn = pids.map(processTicks);
  const started = performance.now();
  return {
    stop() {
      const wallTicks = (performance.now() - started) / TICK_MS;
      const system = systemTicks();
      let own = 0;
      const coresByPid = {};
      pids.forEach((pid, i) => {
        const used = processTicks(pid) - startOwn[i];
        own += used;
        coresByPid[pid] = used / wallTicks;
      });
      const foreign = Math.max(0, system.busy - startSystem.busy - own);
      return { foreignCores: foreign / wallTicks, stealCores: (system.steal - startSystem.steal) / wallTicks, coresByPid };
    },
  };
}

/** Waits (up to `maxMs`) for a second in which others use less than `threshold` of a core. */
export async function waitForQuiet(ownPids, { threshold = 0.1, maxMs = 60_000 } = {}) {
  const deadline = performance.now() + maxMs;
  for (;;) {
    const watch = watchForeignLoad(ownPids);
    await new Promise((r) => setTimeout(r, 1000));
    const { foreignCores, stealCores } = watch.stop();
    if (foreignCores === null || foreignCores + stealCores < threshold || performance.now() > deadline) return { foreignCores, stealCores };
  }
}
