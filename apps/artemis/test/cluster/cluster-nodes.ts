import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createEmptyPostgresDatabase, dropPostgresDatabase, freeLoopbackPorts, testDatabaseUrl } from '@artemis/management/testing';
import { BIN } from '../artemis-process.js';
import { TcpProxy } from './tcp-proxy.js';

export const SECRET = 'cluster-test-secret-0123456789';

/** One node process of a test cluster. */
export interface ClusterNode {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  child: ChildProcessWithoutNullStreams | null;
  readonly lines: string[];
}

/**
 * A cluster of real `artemis server` processes on loopback, sharing one fresh Postgres
 * database. Node i reaches node j through a TCP proxy (`proxy(i, j)`), so a test can
 * blackhole or delay one replication link without touching the others.
 */
export class TestCluster implements AsyncDisposable {
  readonly nodes: ClusterNode[] = [];
  private readonly proxies = new Map<string, TcpProxy>();
  private database = '';

  private constructor(private readonly env: Record<string, string>) {}

  static async start(count: number, env: Record<string, string> = {}): Promise<TestCluster> {
    const cluster = new TestCluster(env);
    cluster.database = await createEmptyPostgresDatabase();
    for (let i = 0; i < count; i += 1) {
      const port = await freeLoopbackPorts();
      cluster.nodes.push({ name: String.fromCharCode(65 + i), port, url: `http://127.0.0.1:${port}`, child: null, lines: [] });
    }
    for (const from of cluster.nodes) {
      for (const to of cluster.nodes) {
        if (from === to) continue;
        const proxy = new TcpProxy(to.port);
        await proxy.listen();
        cluster.proxies.set(`${from.name}${to.name}`, proxy);
      }
    }
    try {
      for (const node of cluster.nodes) await cluster.launch(node);
      await cluster.waitUntil(async () => (await Promise.all(cluster.nodes.map((node) => cluster.state(node)))).every((state) => state === 'up'), 30_000);
    } catch (error) {
      // Nodes already started and the proxies would outlive the failed test and keep jest from exiting.
      await cluster[Symbol.asyncDispose]();
      throw error;
    }
    return cluster;
  }

  /** The proxy on the link from node `from` to node `to`. */
  proxy(from: string, to: string): TcpProxy {
    return this.proxies.get(`${from}${to}`) as TcpProxy;
  }

  node(name: string): ClusterNode {
    return this.nodes.find((node) => node.name === name) as ClusterNode;
  }

  /** Starts (or restarts) a node; resolves once it listens. */
  async launch(node: ClusterNode): Promise<void> {
    // Each node names itself by its real URL and its peers by the proxies on its links.
    const peers = this.nodes.filter((other) => other !== node).map((other) => `http://127.0.0.1:${this.proxy(node.name, other.name).port}`);
    const args = [
      BIN, 'server', '--host', '127.0.0.1', '--port', String(node.port),
      '--advertise-url', node.url, '--peers', [node.url, ...peers].join(','),
      '--database-url', testDatabaseUrl(this.database),
    ];
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env['PATH'] ?? '', ARTEMIS_CLUSTER__SECRET: SECRET, ARTEMIS_CLUSTER__PROBE_INTERVAL_MS: '500', ARTEMIS_CLUSTER__ANTI_ENTROPY_INTERVAL_MS: '1000', ARTEMIS_LOG__LEVEL: 'info', ...this.env },
    });
    node.child = child;
    node.lines.length = 0;
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          node.lines.push(line);
          if (line.includes('"event":"listening"')) resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`node ${node.name} exited with ${String(code)}: ${stderr}`)));
    });
  }

  /** Kills a node outright (kill -9). */
  async kill(node: ClusterNode, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = node.child;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    node.child = null;
  }

  /** The node's own state from `node.json`, or 'unreachable'. */
  async state(node: ClusterNode): Promise<string> {
    try {
      const response = await fetch(`${node.url}/api/status/node.json`, { signal: AbortSignal.timeout(2_000) });
      return ((await response.json()) as { nodeStatus: { status: string } }).nodeStatus.status;
    } catch {
      return 'unreachable';
    }
  }

  /** The instance ids of a service a node serves. */
  async instances(node: ClusterNode, serviceId: string): Promise<string[]> {
    const response = await fetch(`${node.url}/api/discovery/service.json?serviceId=${serviceId}&regionId=default&zoneId=default`, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json()) as { service: { instances: { instanceId: string }[] | null } | null };
    return (body.service?.instances ?? []).map((instance) => instance.instanceId).sort();
  }

  /** Polls `condition` every `intervalMs` until it holds. */
  async waitUntil(condition: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await condition()) return;
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    for (const node of this.nodes) {
      if (node.child !== null && node.child.exitCode === null) node.child.kill('SIGCONT');
      await this.kill(node, 'SIGTERM');
    }
    for (const proxy of this.proxies.values()) await proxy[Symbol.asyncDispose]();
    if (this.database !== '') await dropPostgresDatabase(this.database);
  }
}

/** A register, heartbeat or unregister through one node's HTTP API. */
export async function registry(node: ClusterNode, operation: 'register' | 'heartbeat' | 'unregister', instanceIds: readonly string[], serviceId = 'orders'): Promise<string> {
  const instances = instanceIds.map((instanceId) => ({ serviceId, instanceId, url: `http://10.0.0.1:8080/${instanceId}`, regionId: 'default', zoneId: 'default' }));
  const response = await fetch(`${node.url}/api/registry/${operation}.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instances }), signal: AbortSignal.timeout(5_000) });
  return ((await response.json()) as { responseStatus: { status: string } }).responseStatus.status;
}
