// Helpers shared by the benchmark scripts: start a node as a child process, post JSON over a
// keep-alive agent, read a process's RSS, and summarise latencies.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../apps/artemis/dist/bin.js', import.meta.url));

/** Starts `artemis server` on a free port; resolves once it listens. */
export function startNode(env = {}, args = []) {
  const child = spawn(process.execPath, [...(env.NODE_ARGS ?? []), BIN, 'server', '--host', '127.0.0.1', '--port', '0', ...args], {
    env: { PATH: process.env.PATH, ...env.vars },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = /"url":"(http:\/\/[^"]+)"/.exec(buffered);
      if (match) resolve({ child, url: match[1], stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) });
    });
    child.once('exit', (code) => reject(new Error(`node exited with ${code}`)));
  });
}

/** A keep-alive client for one base URL. */
export function client(baseUrl, sockets = 16) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const base = new URL(baseUrl);
  return {
    post(path, body) {
      const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      return new Promise((resolve, reject) => {
        const req = request({ host: base.hostname, port: base.port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/** Resident set size of a process, in MiB, from /proc. */
export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** p50/p99/p99.9/max of latencies in ms. */
export function percentiles(samples) {
  const sorted = Float64Array.from(samples).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: sorted[sorted.length - 1] };
}

export function instance(service, n) {
  return {
    serviceId: `bench.service.${service}`,
    instanceId: `bench.service.${service}.node-${n}`,
    regionId: 'default',
    zoneId: 'default',
    ip: `10.${(service >> 8) & 255}.${service & 255}.${n}`,
    port: 8080,
    url: `http://10.${(service >> 8) & 255}.${service & 255}.${n}:8080/api`,
    status: 'up',
    protocol: 'http',
    machineName: `host-${service}-${n}`,
    healthCheckUrl: null,
    groupId: null,
    metadata: { version: '1.0.0', weight: '100' },
  };
}
