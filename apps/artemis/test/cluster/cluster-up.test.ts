import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { BIN, removeDataDir, tempDataDir } from '../artemis-process.js';
import { freeLoopbackPorts } from '@artemis/management/testing';
import { registry } from './cluster-nodes.js';

describe('artemis cluster up', () => {
  it('starts nodes on one shared embedded database that replicate to each other, and Ctrl-C stops them all', async () => {
    const dataDir = tempDataDir();
    const basePort = await freeLoopbackPorts(2);
    const child = spawn(process.execPath, [BIN, 'cluster', 'up', '--nodes', '2', '--base-port', String(basePort), '--data-dir', dataDir], { env: { PATH: process.env['PATH'] ?? '' } });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('cluster up:')) resolve();
        });
        void exited.then((code) => reject(new Error(`cluster up exited with ${String(code)}: ${output}`)));
      });
      expect(output).toContain('[node-1] ');
      expect(output).toContain('[node-2] ');
      const [first, second] = [0, 1].map((i) => ({ name: `node-${i + 1}`, port: basePort + i, url: `http://127.0.0.1:${basePort + i}`, child: null, lines: [] }));
      expect(await registry(first!, 'register', ['o-1'])).toBe('success');
      const deadline = Date.now() + 20_000;
      let seen: string[] = [];
      while (Date.now() < deadline && seen.length === 0) {
        const response = await fetch(`${second!.url}/api/discovery/service.json?serviceId=orders&regionId=default&zoneId=default`);
        seen = (((await response.json()) as { service: { instances: { instanceId: string }[] } | null }).service?.instances ?? []).map((i) => i.instanceId);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(seen).toEqual(['o-1']);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output).toContain('cluster stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      await removeDataDir(join(dataDir, 'shared'));
      await removeDataDir(dataDir);
    }
  }, 120_000);
});
