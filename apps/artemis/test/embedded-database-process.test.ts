import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { embeddedServerStopped, processExists as alive } from '@artemis/management/testing';
import { BIN, removeDataDir, startProcess as startNodeProcess, tempDataDir } from './artemis-process.js';

/** Tokens of the nodes by URL: management calls carry their node's bootstrap token. */
const tokens = new Map<string, string>();

async function startProcess(...args: Parameters<typeof startNodeProcess>) {
  const node = await startNodeProcess(...args);
  tokens.set(node.url, node.token);
  return node;
}

async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const bearer = tokens.get(url);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }) };
  const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
}

const pullout = (instanceId: string) => ({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId }, operation: 'pullout', operationComplete: false, operatorId: 'ops' });

async function pulledOut(url: string): Promise<string[]> {
  const all = await post(url, Paths.management.allInstanceOperations, {});
  return (all['allInstanceOperations'] as { instanceKey: { instanceId: string } }[]).map((entry) => entry.instanceKey.instanceId).sort();
}

/** A node process watched from outside, for runs that are expected to fail or be killed. */
function launch(dataDir: string) {
  const child = spawn(process.execPath, [BIN, 'server', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir], { env: { PATH: process.env['PATH'] ?? '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

function postmasterPid(dataDir: string): number | null {
  const file = join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n', 1)[0]) : null;
}


async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a node on its embedded database', () => {
  it('refuses a second node on its data directory (exit 2, naming the directory and the holder), and the first is unharmed', async () => {
    const dataDir = tempDataDir();
    try {
      await using first = await startProcess(['--data-dir', dataDir]);
      const second = launch(dataDir);
      expect(await second.exited).toBe(2);
      expect(second.output().stderr).toContain(`data directory ${dataDir} is in use`);
      expect(second.output().stderr).toContain(`pid ${first.child.pid}`);
      expect(await post(first.url, Paths.management.operateInstance, pullout('o-1'))).toMatchObject({ responseStatus: { errorCode: 'success' } });
      expect(await first.stop()).toBe(0);
      await embeddedServerStopped(dataDir);
      await using again = await startProcess(['--data-dir', dataDir]);
      expect(await pulledOut(again.url)).toEqual(['o-1']);
    } finally {
      await removeDataDir(dataDir);
    }
  }, 60_000);

  it('lets exactly one of two nodes started together on an empty directory run', async () => {
    const dataDir = tempDataDir();
    try {
      const a = launch(dataDir);
      const b = launch(dataDir);
      const listening = (run: ReturnType<typeof launch>) => run.output().stdout.includes('"event":"listening"');
      const loser = await Promise.race([a.exited.then(() => a), b.exited.then(() => b)]);
      const winner = loser === a ? b : a;
      expect(await loser.exited).toBe(2);
      expect(loser.output().stderr).toContain('is in use');
      await until(() => listening(winner), 20_000);
      winner.child.kill('SIGTERM');
      expect(await winner.exited).toBe(0);
    } finally {
      await removeDataDir(dataDir);
    }
  }, 60_000);

  it('after kill -9 of the node, restarts on its directory with no server left behind and every acknowledged write kept', async () => {
    const dataDir = tempDataDir();
    try {
      const first = await startProcess(['--data-dir', dataDir]);
      for (const id of ['o-1', 'o-2', 'o-3']) expect(await post(first.url, Paths.management.operateInstance, pullout(id))).toMatchObject({ responseStatus: { errorCode: 'success' } });
      const orphan = postmasterPid(dataDir) as number;
      first.child.kill('SIGKILL');
      await first.exited;
      expect(existsSync(join(dataDir, 'artemis.lock'))).toBe(true);
      await using second = await startProcess(['--data-dir', dataDir]);
      expect(alive(orphan)).toBe(false);
      expect(postmasterPid(dataDir)).not.toBe(orphan);
      expect(await pulledOut(second.url)).toEqual(['o-1', 'o-2', 'o-3']);
    } finally {
      await removeDataDir(dataDir);
    }
  }, 60_000);

  it('stops its server cleanly on SIGTERM: no server, no lock left', async () => {
    const dataDir = tempDataDir();
    try {
      const node = await startProcess(['--data-dir', dataDir]);
      const server = postmasterPid(dataDir) as number;
      expect(await node.stop()).toBe(0);
      expect(alive(server)).toBe(false);
      expect(existsSync(join(dataDir, 'artemis.lock'))).toBe(false);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      await removeDataDir(dataDir);
    }
  }, 30_000);

  // Kills during the first start: while initdb runs, after the cluster is in place but before
  // the node listens, and at fixed delays that land in between on this machine or a slower one.
  const moments: readonly [string, (dataDir: string, elapsedMs: number) => boolean][] = [
    ['while initdb is writing the cluster', (dataDir) => existsSync(dataDir) && readdirSync(dataDir).some((entry) => entry.startsWith('postgres.init-'))],
    ['once the cluster is in place, before the server answers', (dataDir) => existsSync(join(dataDir, 'postgres', 'PG_VERSION'))],
    ['once the server has started', (dataDir) => postmasterPid(dataDir) !== null],
    ...[50, 250, 600, 1_000].map((ms): [string, (dataDir: string, elapsedMs: number) => boolean] => [`${ms} ms after the start`, (_dataDir, elapsed) => elapsed >= ms]),
  ];

  it.each(moments)('starts normally after a kill -9 during its first start %s', async (_moment, due) => {
    const dataDir = tempDataDir();
    try {
      const started = Date.now();
      const run = launch(dataDir);
      await until(() => due(dataDir, Date.now() - started) || run.child.exitCode !== null, 20_000);
      run.child.kill('SIGKILL');
      await run.exited;
      await using node = await startProcess(['--data-dir', dataDir]);
      expect(await post(node.url, Paths.management.operateInstance, pullout('o-1'))).toMatchObject({ responseStatus: { errorCode: 'success' } });
      expect(await pulledOut(node.url)).toEqual(['o-1']);
    } finally {
      await removeDataDir(dataDir);
    }
  }, 60_000);
});
