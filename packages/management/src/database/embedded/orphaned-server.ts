import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@artemis/server';
import { processCommandLine, processExists } from './process-identity.js';

const POLL_MS = 50;

async function exitedWithin(pid: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (!processExists(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return !processExists(pid);
}

function postmasterPid(pgdata: string): number | null {
  try {
    const pid = Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n', 1)[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Stops the server a dead node left running on `pgdata`. Called with the data directory's lock
 * held, so a live postmaster named by `postmaster.pid` has no node of its own: it is asked to
 * shut down fast (SIGINT), then immediately (SIGQUIT), then killed. A pid file naming a pid that
 * now belongs to another program is removed, so that Postgres does not refuse to start over it.
 */
export async function stopOrphanedServer(pgdata: string, logger: Logger): Promise<void> {
  const pid = postmasterPid(pgdata);
  if (pid === null || !processExists(pid)) return;
  const commandLine = processCommandLine(pid);
  if (commandLine === null) return; // no /proc: Postgres's own check decides
  if (!commandLine.includes('postgres') || !commandLine.includes(pgdata)) {
    logger.warn('removing a stale postmaster.pid whose pid now belongs to another program', { pid, pgdata });
    rmSync(join(pgdata, 'postmaster.pid'), { force: true });
    return;
  }
  logger.warn('stopping the embedded database server left running by a node that ended abruptly', { event: 'embedded-database-orphan', pid });
  for (const [signal, waitMs] of [['SIGINT', 15_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return; // gone meanwhile
    }
    if (await exitedWithin(pid, waitMs)) return;
  }
}
