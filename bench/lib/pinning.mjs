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
  const serverCpu = cores - 1;
  const generatorCpus = cores === 2 ? '0' : `0-${cores - 2}`;
  return {
    active,
    /** Wraps a command so that it runs on the server's core. */
    server: (command, args) => (active ? ['taskset', ['-c', String(serverCpu), command, ...args]] : [command, args]),
    /** Wraps a command so that it runs on the generator's cores. */
    generator: (command, args) => (active ? ['taskset', ['-c', generatorCpus, command, ...args]] : [command, args]),
    describe: () =>
      active
        ? `servers pinned to CPU ${serverCpu}, load generator to CPU ${generatorCpus} (taskset)`
        : 'not pinned: servers and generator share all cores',
  };
}
