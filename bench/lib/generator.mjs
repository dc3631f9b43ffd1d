// The load generator process, seen from the bench: start it (on the generator's core), hand it
// bodies as files, run jobs.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ipcClient } from './ipc.mjs';
import { endWithBench } from './children.mjs';

const GENERATOR = fileURLToPath(new URL('../load/generator-process.mjs', import.meta.url));

export function startGenerator(ctx) {
  const [command, args] = ctx.pinning.generator(process.execPath, [GENERATOR]);
  const child = endWithBench(spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const ask = ipcClient(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    pid: child.pid,
    run: (type, job) => ask(type, job),
    stop: async () => {
      if (child.exitCode === null) ask('exit').catch(() => undefined);
      await exited;
    },
  };
}

let written = 0;
/** Writes request bodies (strings) where the generator reads them; returns the file. */
export function bodiesFile(ctx, name, bodies) {
  const file = join(ctx.tmpDir, `${name}-${++written}.json`);
  writeFileSync(file, JSON.stringify(bodies));
  return file;
}
