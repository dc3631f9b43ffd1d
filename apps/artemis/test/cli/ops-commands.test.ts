import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEmptyPostgresDatabase, dropPostgresDatabase, testDatabaseUrl } from '@artemis/management/testing';
import { startProcess, type NodeProcess } from '../artemis-process.js';
import { columnStarts, deadServerUrl, runCli } from './run-cli.js';

let node: NodeProcess;
let database: string;
let home: string;
/** The environment of every CLI run: the node, a home of its own (for profiles), an operator. */
let env: Record<string, string>;
let operatorToken: string;

const json = <T>(text: string) => JSON.parse(text) as T;
type InstancesJson = { instances: { instanceId: string; status: string; zoneId: string }[] };

async function register(instances: object[]): Promise<void> {
  const response = await fetch(`${node.url}/api/registry/register.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instances }) });
  expect(response.status).toBe(200);
}

const instance = (serviceId: string, instanceId: string, ip: string, zoneId: string) => ({ serviceId, instanceId, ip, url: `http://${ip}:8080`, regionId: 'default', zoneId });

async function statuses(service: string): Promise<Record<string, string>> {
  const run = await runCli(['instances', 'list', '--service', service, '--json'], env);
  return Object.fromEntries(json<InstancesJson>(run.stdout).instances.map((i) => [i.instanceId, i.status]));
}

beforeAll(async () => {
  database = await createEmptyPostgresDatabase();
  // Leases long enough that the instances registered once stay for the whole file.
  node = await startProcess([], { ARTEMIS_DATABASE_URL: testDatabaseUrl(database), ARTEMIS_LEASE__TTL_MS: '600000' });
  home = mkdtempSync(join(tmpdir(), 'artemis-cli-home-'));
  // The CLI acts as an operator token made with the node's bootstrap (admin) token; the audit
  // names that token's principal as the operator of every change.
  const created = await fetch(`${node.url}/api/auth/tokens/create.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...node.auth },
    body: JSON.stringify({ name: 'cli-test', role: 'operator' }),
  });
  operatorToken = ((await created.json()) as { token: string }).token;
  env = { ARTEMIS_SERVER: node.url, ARTEMIS_TOKEN: operatorToken, HOME: home, USER: 'cli-test' };
  await register([
    instance('orders', 'orders-1', '10.0.0.1', 'zone-a'),
    instance('orders', 'orders-2', '10.0.0.2', 'zone-a'),
    instance('orders', 'orders-3', '10.0.0.3', 'zone-b'),
    instance('payments', 'payments-1', '10.0.0.3', 'zone-b'),
  ]);
}, 60_000);

afterAll(async () => {
  await node?.[Symbol.asyncDispose]();
  if (database !== undefined) await dropPostgresDatabase(database);
  if (home !== undefined) rmSync(home, { recursive: true, force: true });
}, 60_000);

describe('artemis ops commands against a node', () => {
  it('lists services and instances as aligned tables and as the server\'s JSON', async () => {
    const table = await runCli(['services', 'list'], env);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout).toBe(['SERVICE   INSTANCES  UP  DOWN  LOGICAL  ROUTE RULES', 'orders            3   3     0        0            0', 'payments          1   1     0        0            0', ''].join('\n'));
    const asJson = json<{ responseStatus: { status: string }; services: { serviceId: string }[] }>((await runCli(['services', 'list', '--json'], env)).stdout);
    expect(asJson.responseStatus.status).toBe('success');
    expect(asJson.services.map((s) => s.serviceId).sort()).toEqual(['orders', 'payments']);

    const get = await runCli(['services', 'get', '--service', 'orders'], env);
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(/^service orders\n\nINSTANCE\s+REGION\s+ZONE\s+IP\s+URL\s+STATUS\norders-1\s+default\s+zone-a\s+10\.0\.0\.1\s+http:\/\/10\.0\.0\.1:8080\s+up\n/);
    expect(json<{ service: { serviceId: string } }>((await runCli(['services', 'get', '--service', 'orders', '--json'], env)).stdout).service.serviceId).toBe('orders');
  }, 60_000);

  it('fits a table to COLUMNS, every row aligned with the header, without colour off a terminal', async () => {
    const run = await runCli(['instances', 'list'], { ...env, COLUMNS: '60' });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
    const header = columnStarts(lines[0]!);
    expect(header).toHaveLength(7);
    for (const line of lines.slice(1)) expect(columnStarts(line)).toEqual(header);
    expect(run.stdout).not.toContain('\u001b[');
  }, 60_000);

  it('pulls instances out and in, with progress on stderr and a row per instance', async () => {
    const out = await runCli(['instance', 'pull-out', '--service', 'orders', '--instance', 'orders-1', '--instance', 'orders-2', '--reason', 'deploy'], env);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('pulled out: 1/2\npulled out: 2/2\n');
    expect(out.stdout).toMatch(/^TARGET\s+RESULT\s+MESSAGE\norders\/orders-1\s+success\norders\/orders-2\s+success\n$/);
    expect(await statuses('orders')).toEqual({ 'orders-1': 'down', 'orders-2': 'down', 'orders-3': 'up' });
    const back = await runCli(['instance', 'pull-in', '--service', 'orders', '--instance', 'orders-1', '--instance', 'orders-2', '--json'], env);
    expect(back).toMatchObject({ code: 0, stderr: '' });
    expect(json<{ results: { target: string; errorCode: string }[] }>(back.stdout).results).toEqual([
      { target: 'orders/orders-1', errorCode: 'success', message: '' },
      { target: 'orders/orders-2', errorCode: 'success', message: '' },
    ]);
    expect(await statuses('orders')).toEqual({ 'orders-1': 'up', 'orders-2': 'up', 'orders-3': 'up' });
  }, 60_000);

  it('pulls a server out by IP, hiding its instances of every service, and back in', async () => {
    expect((await runCli(['server', 'pull-out', '--ip', '10.0.0.3'], env)).code).toBe(0);
    expect(await statuses('orders')).toMatchObject({ 'orders-3': 'down', 'orders-1': 'up' });
    expect(await statuses('payments')).toEqual({ 'payments-1': 'down' });
    expect((await runCli(['server', 'pull-in', '--ip', '10.0.0.3'], env)).code).toBe(0);
    expect(await statuses('payments')).toEqual({ 'payments-1': 'up' });
  }, 60_000);

  it('pulls a zone out of every service in it, a batch per request with progress, lists it, and pulls it in', async () => {
    const out = await runCli(['zone', 'pull-out', '--zone', 'zone-b', '--batch', '1'], env);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('pulled out zone zone-b of services: 1/2\npulled out zone zone-b of services: 2/2\n');
    expect(await statuses('orders')).toEqual({ 'orders-1': 'up', 'orders-2': 'up', 'orders-3': 'down' });
    const list = await runCli(['zone', 'list', '--json'], env);
    expect(json<{ allZoneOperations: { zoneKey: { serviceId: string } }[] }>(list.stdout).allZoneOperations.map((z) => z.zoneKey.serviceId).sort()).toEqual(['orders', 'payments']);
    expect((await runCli(['zone', 'list'], env)).stdout).toMatch(/SERVICE\s+REGION\s+ZONE\s+OPERATIONS\n(orders|payments)\s+default\s+zone-b\s+pullout\n/);
    expect((await runCli(['zone', 'pull-in', '--zone', 'zone-b'], env)).code).toBe(0);
    expect(await statuses('payments')).toEqual({ 'payments-1': 'up' });
  }, 60_000);

  it('creates, tags, shows, lists and deletes groups', async () => {
    const created = await runCli(['group', 'create', '--service', 'orders', '--name', 'blue', '--zone', 'zone-a', '--json'], env);
    expect(created.code).toBe(0);
    const id = json<{ group: { groupId: number; groupKey: string } }>(created.stdout).group.groupId;
    expect(json<{ group: { groupKey: string } }>(created.stdout).group.groupKey).toBe('orders/default/zone-a/blue');
    expect((await runCli(['group', 'tag', '--id', String(id), 'env=blue', 'team=checkout'], env)).stdout).toBe(`group ${id} tags: env=blue,team=checkout\n`);
    expect((await runCli(['group', 'tag', '--id', String(id), '--remove', 'team'], env)).stdout).toBe(`group ${id} tags: env=blue\n`);
    expect((await runCli(['group', 'get', '--id', String(id)], env)).stdout).toMatch(/key\s+orders\/default\/zone-a\/blue\n[\s\S]*tags\s+env=blue\n/);
    expect((await runCli(['group', 'list', '--service', 'orders'], env)).stdout).toMatch(new RegExp(`\\n\\s*${id}\\s+orders\\s+default\\s+zone-a\\s+blue\\s+orders\\s+active\\s+env=blue\\n`));
    expect((await runCli(['group', 'delete', '--id', String(id)], env)).code).toBe(0);
    const after = json<{ groups: { groupId: number }[] }>((await runCli(['group', 'list', '--json'], env)).stdout);
    expect(after.groups.map((g) => g.groupId)).not.toContain(id);
  }, 60_000);

  it('creates a route rule and releases its weights, showing weights and zone shares before and after; --dry-run changes nothing', async () => {
    const created = await runCli(['route', 'create', '--service', 'orders', '--name', 'split', '--group', 'zone-a/green=75', '--group', 'zone-b/red=25', '--json'], env);
    expect(created.code).toBe(0);
    const id = json<{ routeRule: { routeRuleId: number } }>(created.stdout).routeRule.routeRuleId;
    const dry = json<{ dryRun: boolean; groups: { groupKey: string; before: number; after: number }[]; zones: { zoneId: string; before: number; after: number }[] }>(
      (await runCli(['route', 'release', '--id', String(id), '--dry-run', '--json'], env)).stdout,
    );
    expect(dry.dryRun).toBe(true);
    expect(dry.groups.map((g) => [g.groupKey, g.before, g.after]).sort()).toEqual([['orders/default/zone-a/green', 5, 75], ['orders/default/zone-b/red', 5, 25]]);
    expect(dry.zones).toEqual([{ zoneId: 'zone-a', before: 50, after: 75 }, { zoneId: 'zone-b', before: 50, after: 25 }]);
    expect((await runCli(['route', 'get', '--id', String(id)], env)).stdout).toMatch(/orders\/default\/zone-a\/green\s+zone-a\s+5\s+75\n/);

    const released = await runCli(['route', 'release', '--id', String(id)], env);
    expect(released.code).toBe(0);
    expect(released.stdout).toMatch(/^released route rule \d+ orders\/split\nGROUP\s+ZONE\s+BEFORE\s+AFTER\n/);
    expect(released.stdout).toMatch(/\nZONE\s+SHARE BEFORE\s+SHARE AFTER\nzone-a\s+50\.0%\s+75\.0%\nzone-b\s+50\.0%\s+25\.0%\n$/);
    expect((await runCli(['route', 'get', '--id', String(id)], env)).stdout).toMatch(/orders\/default\/zone-a\/green\s+zone-a\s+75\n/);
    expect((await runCli(['route', 'list', '--service', 'orders'], env)).stdout).toMatch(new RegExp(`\\n\\s*${id}\\s+orders\\s+split\\s+active\\s+weighted-round-robin\\s+2\\s+0\\n`));
    expect((await runCli(['route', 'delete', '--id', String(id)], env)).code).toBe(0);
    expect(json<{ routeRules: unknown[] }>((await runCli(['route', 'list', '--service', 'orders', '--json'], env)).stdout).routeRules).toEqual([]);
  }, 90_000);

  it('sets and lists canary instances', async () => {
    expect((await runCli(['canary', 'set', '--service', 'payments', '--ip', '10.0.0.3', '--ip', '10.0.0.4'], env)).stdout).toBe('canary of payments: 10.0.0.3, 10.0.0.4\n');
    const list = json<{ canaries: { serviceId: string; instanceIds: string[] }[] }>((await runCli(['canary', 'list', '--service', 'payments', '--json'], env)).stdout);
    expect(list.canaries).toMatchObject([{ serviceId: 'payments', instanceIds: ['10.0.0.3', '10.0.0.4'] }]);
    expect((await runCli(['canary', 'set', '--service', 'payments', '--clear'], env)).code).toBe(0);
    expect((await runCli(['canary', 'list', '--service', 'payments'], env)).stdout).toMatch(/^SERVICE\s+APP\s+GROUP\s+INSTANCES\npayments\s+payments\s+\S+\n$/);
  }, 60_000);

  it('shows the cluster and the leases', async () => {
    const cluster = await runCli(['cluster', 'status'], env);
    expect(cluster.stdout).toBe(`1 node, answered by ${node.url}\nURL${' '.repeat(node.url.length - 1)}REGION   ZONE     STATUS  REGISTRY  DISCOVERY\n${node.url}  default  default  up      yes       yes\n`);
    expect(json<{ nodeCount: number }>((await runCli(['cluster', 'status', '--json'], env)).stdout).nodeCount).toBe(1);
    const leases = await runCli(['leases', '--service', 'payments'], env);
    expect(leases.stdout).toMatch(/^4 leases; self-preservation enabled, not active; /);
    expect(leases.stdout).toMatch(/\nSERVICE\s+INSTANCE\s+CREATED\s+RENEWED\s+EVICTED\s+TTL MS\npayments\s+default\/zone-b\/payments\/payments-1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d{4}-\S+ \S+\s+-\s+600000\n$/);
    expect(json<{ leaseCount: number }>((await runCli(['leases', '--json'], env)).stdout).leaseCount).toBe(4);
  }, 60_000);

  it('shows the audit trail of the changes above, filtered by operator, service and time', async () => {
    const all = json<{ entries: { kind: string; operatorId: string; operation: string; createTime: number }[] }>((await runCli(['audit', '--json', '--limit', '1000'], env)).stdout).entries;
    expect(all.length).toBeGreaterThan(10);
    expect(all.map((e) => e.createTime)).toEqual([...all.map((e) => e.createTime)].sort((a, b) => b - a));
    expect(new Set(all.map((e) => e.kind))).toEqual(new Set(['instance', 'server', 'zone', 'group', 'route-rule', 'route-weight', 'group-instance']));
    expect(new Set(all.map((e) => e.operatorId))).toEqual(new Set(['token:cli-test']));
    expect(json<{ entries: unknown[] }>((await runCli(['audit', '--json', '--operator', 'someone-else'], env)).stdout).entries).toEqual([]);
    expect(json<{ entries: unknown[] }>((await runCli(['audit', '--json', '--since', '2999-01-01T00:00:00Z'], env)).stdout).entries).toEqual([]);
    const payments = json<{ entries: { kind: string; serviceId?: string }[] }>((await runCli(['audit', '--json', '--service', 'payments'], env)).stdout).entries;
    expect(payments.length).toBeGreaterThan(0);
    expect(payments.every((e) => e.serviceId?.toLowerCase() === 'payments')).toBe(true);
    expect((await runCli(['audit', '--since', '1h', '--limit', '3'], env)).stdout.trimEnd().split('\n')).toHaveLength(4);
  }, 60_000);
});

describe('exit codes and errors', () => {
  it('exits 3 with one line when no node can be reached', async () => {
    const dead = await deadServerUrl();
    const run = await runCli(['services', 'list', '--server', dead], { HOME: home });
    expect(run).toEqual({ code: 3, stdout: '', stderr: `artemis: cannot reach the server: ${dead} (ECONNREFUSED)\n` });
  }, 30_000);

  it('reads from the next node of --server when the first is down', async () => {
    const dead = await deadServerUrl();
    const run = await runCli(['cluster', 'status', '--json', '--server', `${dead},${node.url}`], { HOME: home });
    expect(run.code).toBe(0);
    expect(json<{ nodeCount: number }>(run.stdout).nodeCount).toBe(1);
  }, 30_000);

  it('exits 1 when the server refuses a write, with its message, and its responseStatus under --json', async () => {
    const run = await runCli(['group', 'create', '--service', 'orders', '--name', 'x', '--app', ' '], env);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `artemis: refused by ${node.url} (bad-request): groups[0].appId is null or empty\n` });
    const asJson = await runCli(['group', 'create', '--service', 'orders', '--name', 'x', '--app', ' ', '--json'], env);
    expect(asJson.code).toBe(1);
    expect(json(asJson.stdout)).toEqual({ responseStatus: { errorCode: 'bad-request', message: 'groups[0].appId is null or empty', status: 'fail' } });
  }, 30_000);

  it.each([
    [['services', 'list', '--bogus'], 'artemis: Unknown argument: bogus\nSee: artemis services --help\n'],
    [['instance', 'pull-out', '--service', 'orders'], 'artemis: Missing required argument: instance\nSee: artemis instance --help\n'],
    [['route', 'create', '--service', 'orders', '--name', 'x', '--group', 'blue'], 'artemis: --group "blue" is not name=weight or zone/name=weight\n'],
    [['services', 'list', '--server', 'ftp://x'], 'artemis: --server: "ftp://x" is not an http(s) URL\n'],
    [['audit', '--since', 'yesterday'], 'artemis: --since "yesterday" is neither a duration (30m, 2h, 7d) nor an ISO 8601 time\n'],
    [['services'], 'artemis: Name a subcommand of services; see artemis services --help.\nSee: artemis services --help\n'],
    [['nonsense'], 'artemis: Unknown argument: nonsense\nSee: artemis nonsense --help\n'],
  ])('exits 2 with a clear line for %j', async (args, stderr) => {
    const run = await runCli(args, env);
    expect(run).toEqual({ code: 2, stdout: '', stderr });
  }, 30_000);
});

describe('login, profiles, version, completion', () => {
  it('saves a profile with --token that later commands use without --server; owner-only file', async () => {
    const own = mkdtempSync(join(tmpdir(), 'artemis-cli-home-'));
    try {
      const login = await runCli(['login', '--server', node.url, '--token', operatorToken, '--profile', 'local'], { HOME: own });
      expect(login.code).toBe(0);
      const path = join(own, '.config', 'artemis', 'config.json');
      expect(login.stdout).toBe(`logged in to ${node.url} as token:cli-test; profile local saved in ${path}\n`);
      expect(json(readFileSync(path, 'utf8'))).toEqual({ current: 'local', profiles: { local: { server: node.url, token: operatorToken, user: 'token:cli-test' } } });
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const list = await runCli(['services', 'list', '--json'], { HOME: own });
      expect(list.code).toBe(0);
      expect(json<{ services: unknown[] }>(list.stdout).services).toHaveLength(2);
      const missing = await runCli(['services', 'list', '--profile', 'prod'], { HOME: own });
      expect(missing).toMatchObject({ code: 2, stderr: 'artemis: no profile named "prod"; create it with: artemis login --profile prod --server URL\n' });
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a login naming neither a user nor a token (exit 2), and one to an unreachable server (exit 3)', async () => {
    expect((await runCli(['login', '--server', node.url], { HOME: home })).code).toBe(2);
    expect((await runCli(['login', '--server', await deadServerUrl(), '--token', 't'], { HOME: home })).code).toBe(3);
  }, 30_000);

  it('prints its version for --version and artemis version, and a completion script', async () => {
    const { version } = json<{ version: string }>(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await runCli(['version'])).stdout).toBe(`artemis ${version} (node ${process.version})\n`);
    expect(json(( await runCli(['version', '--json'])).stdout)).toEqual({ version, node: process.version });
    const completion = await runCli(['completion']);
    expect(completion.code).toBe(0);
    expect(completion.stdout).toContain('_artemis_yargs_completions');
    const words = await runCli(['--get-yargs-completions', 'artemis', 'ro']);
    expect(words.stdout.split('\n')).toContain('route');
  }, 30_000);
});
