import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { EmbeddedDatabaseError } from './embedded-database-error.js';
import { processExists, processStartTime } from './process-identity.js';

/** What the lock file says about its holder. */
export interface LockHolder {
  readonly pid: number;
  /** The holder's start time (see `processStartTime`), so that a reused pid is not taken for it. */
  readonly startTime: number | null;
  readonly hostname: string;
  readonly since: string;
}

/** The lock file's name inside the data directory. */
export const LOCK_FILE = 'artemis.lock';

/** An empty or half-written lock file younger than this may be a holder writing it now. */
const WRITING_GRACE_MS = 5_000;
const ATTEMPTS = 5;

/** Lock files this process holds: a lock naming our own pid is ours only if it is listed here. */
const heldHere = new Set<string>();

function readHolder(path: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    if (typeof holder.pid === 'number') return { pid: holder.pid, startTime: holder.startTime ?? null, hostname: String(holder.hostname), since: String(holder.since) };
  } catch {
    // falls through: a crash between creating the file and writing it leaves it empty
  }
  return 'unreadable';
}

function isLive(path: string, holder: LockHolder): boolean {
  // Our own pid but not held here: written by an earlier process with our pid (a restarted container).
  if (holder.pid === process.pid) return heldHere.has(path);
  if (!processExists(holder.pid)) return false;
  const startTime = processStartTime(holder.pid);
  return holder.startTime === null || startTime === null || startTime === holder.startTime;
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * The exclusive hold of one process on a data directory: a lock file created atomically
 * (`O_EXCL`) holding the holder's pid and start time. A lock whose holder is gone (kill -9) is
 * taken over: it is renamed away first, which only one contender can do.
 *
 * @example
 * ```ts
 * import { DataDirLock } from '@artemis/management';
 * const lock = DataDirLock.acquire('./data'); // throws EmbeddedDatabaseError('locked') naming the holder's pid
 * lock.release();
 * ```
 */
export class DataDirLock {
  private released = false;

  private constructor(
    readonly path: string,
    readonly holder: LockHolder,
  ) {}

  /** Takes the lock of `dir` (which must exist), or throws naming the live holder. */
  static acquire(dir: string): DataDirLock {
    const path = join(resolve(dir), LOCK_FILE);
    const me: LockHolder = { pid: process.pid, startTime: processStartTime(process.pid), hostname: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o644);
        try {
          writeSync(fd, `${JSON.stringify(me)}\n`);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        heldHere.add(path);
        return new DataDirLock(path, me);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      if (holder === 'missing') continue;
      if (holder === 'unreadable' ? ageMs(path) < WRITING_GRACE_MS : isLive(path, holder)) {
        const who = holder === 'unreadable' ? 'another process that is starting now' : `the process with pid ${holder.pid} (since ${holder.since}, host ${holder.hostname})`;
        throw new EmbeddedDatabaseError('locked', `data directory ${dir} is in use by ${who}; stop that node, or give this one another --data-dir`);
      }
      const stale = `${path}.stale-${process.pid}-${attempt}`;
      try {
        renameSync(path, stale);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // another contender took it over first
        throw error;
      }
      rmSync(stale, { force: true });
    }
    throw new EmbeddedDatabaseError('locked', `could not take the lock of data directory ${dir}: other processes keep taking it`);
  }

  /** Gives the lock up; a lock already taken over by another process is left alone. */
  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.path);
    const holder = readHolder(this.path);
    if (typeof holder === 'object' && holder.pid === this.holder.pid && holder.since === this.holder.since) rmSync(this.path, { force: true });
  }
}
