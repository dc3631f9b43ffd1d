import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DataDirLock, EmbeddedDatabaseError, LOCK_FILE } from '../../src/index.js';
import { makeTestDataDir } from '../../src/testing.js';

function lockedBy(dir: string): number {
  return (JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid;
}

function failure(work: () => unknown): EmbeddedDatabaseError {
  try {
    work();
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) return error;
    throw error;
  }
  throw new Error('expected an EmbeddedDatabaseError');
}

/** A live process that is not us: a sleeping child. */
async function otherProcess(): Promise<{ pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  return {
    pid: child.pid as number,
    stop: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGKILL')))),
  };
}

describe('the data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTestDataDir('artemis-lock-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is held by one taker at a time, and free again once released', () => {
    const lock = DataDirLock.acquire(dir);
    expect(lockedBy(dir)).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    DataDirLock.acquire(dir).release();
  });

  it('refuses a live holder, naming the directory and its pid', async () => {
    const holder = await otherProcess();
    try {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: holder.pid, startTime: null, hostname: 'h', since: 'then' }));
      const error = failure(() => DataDirLock.acquire(dir));
      expect(error.failure).toBe('locked');
      expect(error.message).toContain(dir);
      expect(error.message).toContain(`pid ${holder.pid}`);
      expect(lockedBy(dir)).toBe(holder.pid);
    } finally {
      await holder.stop();
    }
  });

  it('takes over the lock of a holder that died (kill -9 leaves the file behind)', async () => {
    const holder = await otherProcess();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: holder.pid, startTime: null, hostname: 'h', since: 'then' }));
    await holder.stop();
    const lock = DataDirLock.acquire(dir);
    expect(lockedBy(dir)).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process started later (pid reuse)', async () => {
    const holder = await otherProcess();
    try {
      // Recorded with a start time the live process with that pid does not have.
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: holder.pid, startTime: 1, hostname: 'h', since: 'then' }));
      DataDirLock.acquire(dir).release();
    } finally {
      await holder.stop();
    }
  });

  it('waits out an empty lock file that a starting holder may be writing, and takes it over once old', () => {
    writeFileSync(join(dir, LOCK_FILE), '');
    expect(failure(() => DataDirLock.acquire(dir)).failure).toBe('locked');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), old, old);
    DataDirLock.acquire(dir).release();
  });

  it('does not remove a lock that another process took over after it', () => {
    const lock = DataDirLock.acquire(dir);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, startTime: null, hostname: 'h', since: 'later' }));
    lock.release();
    expect(lockedBy(dir)).toBe(1);
  });
});
