import { spawn, spawnSync } from 'node:child_process';
import { createEmptyPostgresDatabase, dropPostgresDatabase, testDatabaseUrl } from '@artemis/management/testing';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { WebSocket } from 'ws';
import { BIN, startProcess } from './artemis-process.js';

describe('artemis server', () => {
  it('states its address right after the first initialisation of the embedded database and the bootstrap token (nothing else before it), and serves there', async () => {
    await using node = await startProcess();
    expect(node.lines.map((line) => (JSON.parse(line) as { event?: string }).event)).toEqual(['embedded-database-initialised', 'bootstrap-token', 'listening']);
    expect(JSON.parse(node.lines[2]!)).toMatchObject({ level: 'info', message: `artemis listening on ${node.url}`, event: 'listening', auth: 'enabled', registryWrites: 'open to anyone' });
    expect(node.lines.join('\n')).not.toContain(node.token);
    const response = await fetch(`${node.url}/api/status/node.json`);
    expect(await response.json()).toMatchObject({ nodeStatus: { status: 'up' } });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('exits 0 within 5 s of %s, after finishing a request in flight', async (signal) => {
    await using node = await startProcess();
    const body = JSON.stringify({ instances: [{ serviceId: 's', instanceId: 'i', url: 'http://x', regionId: 'default', zoneId: 'default' }] });
    const request = httpRequest(`${node.url}/api/registry/register.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    });
    const inFlight = new Promise<{ status: number }>((resolve, reject) => {
      request.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0 });
      });
      request.on('error', reject);
    });
    // The request is under way (headers and half the body sent) when the signal arrives.
    request.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    node.child.kill(signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    request.end(body.slice(10));
    expect((await inFlight).status).toBe(200);
    expect(await node.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('takes settings from ARTEMIS_* variables and flags', async () => {
    await using node = await startProcess(['--region', 'eu'], { ARTEMIS_ZONE: 'eu-1' });
    const status = (await (await fetch(`${node.url}/api/status/node.json`)).json()) as { nodeStatus: { node: { zone: unknown } } };
    expect(status.nodeStatus.node.zone).toEqual({ metadata: null, regionId: 'eu', zoneId: 'eu-1' });
  });

  it('serves the Java WebSocket heartbeat on the same port, with push settings from the environment', async () => {
    await using node = await startProcess([], { ARTEMIS_PUSH__BLOCKED_IPS__ALL_INSTANCE_CHANGE: '["127.0.0.1"]' });
    const ws = new WebSocket(`${node.url.replace('http', 'ws')}/ws/registry/heartbeat`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString())));
    ws.send(JSON.stringify({ instances: [{ serviceId: 's', instanceId: 'i', regionId: 'default', zoneId: 'default' }] }));
    expect(JSON.parse(await reply)).toMatchObject({ failedInstances: [{ errorCode: 'data-not-found' }] });
    ws.close();
    const blocked = new WebSocket(`${node.url.replace('http', 'ws')}/ws/discovery/all-instance-change`);
    const status = await new Promise<number>((resolve) => blocked.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)).once('error', () => undefined));
    expect(status).toBe(403);
  });

  it('refuses a bad configuration with a clear message and exit code 2', () => {
    const result = spawnSync(process.execPath, [BIN, 'server', '--port', '0'], { env: { PATH: process.env['PATH'] ?? '', ARTEMIS_LEASE__TTL: '1' }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('artemis: invalid configuration: lease: Unrecognized key: "ttl" (from environment variable ARTEMIS_LEASE__TTL)\n');
  });

  it('refuses unknown flags with one line and exit 2, without starting', () => {
    const result = spawnSync(process.execPath, [BIN, 'server', '--prot', '1'], { encoding: 'utf8', timeout: 10_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('artemis: Unknown argument: prot\nSee: artemis server --help\n');
    expect(result.stdout).toBe('');
  });

  it('starts with the CLI\'s variables set, and warns of ARTEMIS_* variables naming no setting', async () => {
    await using node = await startProcess([], { ARTEMIS_SERVER: 'http://elsewhere:8080', ARTEMIS_TOKEN: 'secret', ARTEMIS_NO_SUCH_SETTING: 'x' });
    const events = node.lines.map((line) => JSON.parse(line) as { event?: string; variables?: string[] });
    expect(events.find((e) => e.event === 'unknown-env')?.variables).toEqual(['ARTEMIS_NO_SUCH_SETTING']);
    expect(events.some((e) => e.event === 'listening')).toBe(true);
  });

  it('says in one line that the port is in use, and exits 2', async () => {
    const database = await createEmptyPostgresDatabase();
    try {
      const env = { PATH: process.env['PATH'] ?? '', ARTEMIS_DATABASE_URL: testDatabaseUrl(database) };
      await using node = await startProcess([], env);
      const port = new URL(node.url).port;
      const second = spawn(process.execPath, [BIN, 'server', '--host', '127.0.0.1', '--port', port], { env });
      let stderr = '';
      let stdout = '';
      second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      second.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toBe(`artemis: cannot listen on 127.0.0.1:${port}: the port is already in use; stop what uses it, or give another --port\n`);
      expect(stdout).not.toMatch(/Options:|at .*\.js/);
    } finally {
      await dropPostgresDatabase(database);
    }
  }, 60_000);
});
