// CPU pinning. On a 2-core machine the server and the load generator compete for the same
// cores; pinning each to its own core (taskset) makes that split explicit and repeatable
// instead of leaving it to the scheduler. The server gets one core, like a Node process mostly
// uses; its GC and libuv threads share that core.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

function hasTaskset() {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function createPinning(enabled) {
  const cores = cpus().length;
  const active = enabled && cores >= 2 && hasTaskset();
  const serverCpus = String(cores - 1);
  const generatorCpus = cores === 2 ? '0' : `0-${cores - 2}`;
  return {
    active,
    /** The CPU list (taskset syntax) of the server's core, and of the generator's. */
    serverCpus,
    generatorCpus,
    allCpus: `0-${cores - 1}`,
    /** Wraps a command so that it runs on the server's core. */
    server: (command, args) => (active ? ['taskset', ['-c', serverCpus, command, ...args]] : [command, args]),
    /** Wraps a command so that it runs on the generator's cores. */
    generator: (command, args) => (active ? ['taskset', ['-c', generatorCpus, command, ...args]] : [command, args]),
    /** Moves a running process (every thread of it) to `cpuList`; a no-op when pinning is off. */
    repin: (pid, cpuList) => {
      if (active) execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' });
    },
    describe: () =>
      active
        ? `servers pinned to CPU ${serverCpus}, load generator to CPU ${generatorCpus} (taskset)`
        : 'not pinned: servers and generator share all cores',
  };
}
