// Starts an etcd server (on the PATH, or Debian's etcd-server installed by the bench) on free
// loopback ports, pinned to the server core like artemis, with its data in the bench's
// temporary folder.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { endWithBench } from './children.mjs';
import { systemTool } from './system-tool.mjs';

/** `{ path, why }`: etcd's binary, installed from Debian's etcd-server when missing and possible. */
export function etcdBinary() {
  return systemTool('etcd', 'etcd-server');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startEtcd(ctx, binary) {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const [command, args] = ctx.pinning.server(binary, [
    '--data-dir', join(ctx.tmpDir, `etcd-${clientPort}`),
    '--listen-client-urls', url, '--advertise-client-urls', url,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer, '--initial-cluster', `default=${peer}`,
    '--log-level', 'error',
  ]);
  const child = endWithBench(spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] }));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = performance.now() + 15_000;
  for (;;) {
    try {
      const response = await request(`${url}/v3/kv/range`, { method: 'POST', body: '{"key":"AA=="}' });
      await response.body.dump();
      if (response.statusCode === 200) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || performance.now() > deadline) throw new Error(`etcd did not start: ${stderr.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    kind: 'etcd',
    url,
    pid: child.pid,
    version: execFileSync(binary, ['--version'], { encoding: 'utf8' }).split('\n')[0],
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** POSTs to etcd's HTTP/JSON gateway. */
export async function etcdCall(url, path, body) {
  const response = await request(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.body.json();
  if (response.statusCode !== 200) throw new Error(`etcd ${path}: HTTP ${response.statusCode} ${JSON.stringify(json)}`);
  return json;
}
