import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { Paths } from '@artemis/core';
import { startProcess } from './artemis-process.js';

const pullout = { instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops' };
const orders = { serviceId: 'orders', instanceId: 'o-1', url: 'http://10.0.0.1/o-1', ip: '10.0.0.1', regionId: 'default', zoneId: 'default' };

async function metricValue(url: string, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.split('\n').filter((line) => pattern.test(line.split(' ')[0] ?? ''))].reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

const postJson = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('artemis server observability', () => {
  it('counts management writes and database statements, and reports the database up', async () => {
    await using node = await startProcess();
    expect(await metricValue(node.url, /^artemis_db_up$/)).toBe(1);
    const statementsBefore = await metricValue(node.url, /^artemis_db_query_duration_seconds_count\{result="ok"\}$/);
    expect(await metricValue(node.url, /^artemis_management_writes_total/)).toBe(0);
    expect((await (await postJson(node.url, Paths.management.operateInstance, pullout, node.auth)).json()) as object).toMatchObject({ responseStatus: { status: 'success' } });
    // A write the protocol refuses (no operation): answered, counted as fail.
    await postJson(node.url, Paths.management.operateInstance, { ...pullout, operation: ' ' }, node.auth);
    await fetch(`${node.url}${Paths.management.operateInstance}`, { method: 'POST', headers: { 'content-type': 'application/json', ...node.auth }, body: '{"operation": ' });
    expect(await metricValue(node.url, /^artemis_management_writes_total\{operation="operate-instance",result="success"\}$/)).toBe(1);
    expect(await metricValue(node.url, /^artemis_management_writes_total\{operation="operate-instance",result="fail"\}$/)).toBe(1);
    expect(await metricValue(node.url, /^artemis_management_writes_total\{operation="operate-instance",result="rejected"\}$/)).toBe(1);
    expect(await metricValue(node.url, /^artemis_db_query_duration_seconds_count\{result="ok"\}$/)).toBeGreaterThan(statementsBefore);
  }, 30_000);

  it('answers each request with an x-request-id that its access log line carries', async () => {
    await using node = await startProcess([], { ARTEMIS_ACCESS_LOG__SAMPLE_RATE: '1' });
    const mine = await postJson(node.url, Paths.management.operateInstance, pullout, { 'x-request-id': 'req-42', ...node.auth });
    expect(mine.headers.get('x-request-id')).toBe('req-42');
    const generated = await postJson(node.url, Paths.registry.register, { instances: [orders] }, { 'x-request-id': 'bad id with spaces' });
    const id = generated.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const access = node.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['event'] === 'access');
    expect(access.find((line) => line['requestId'] === 'req-42')).toMatchObject({ operation: 'operate-instance', method: 'POST', status: 200, result: 'success' });
    expect(access.find((line) => line['requestId'] === id)).toMatchObject({ operation: 'register', path: Paths.registry.register, sampleRate: 1 });
  }, 30_000);

  it('logs no registry request at a sample rate of 0 and every management one', async () => {
    await using node = await startProcess([], { ARTEMIS_ACCESS_LOG__SAMPLE_RATE: '0' });
    for (let n = 0; n < 20; n++) await postJson(node.url, Paths.registry.register, { instances: [orders] });
    await postJson(node.url, Paths.management.operateInstance, pullout, node.auth);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const access = node.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['event'] === 'access');
    expect(access.map((line) => line['operation'])).toEqual(['operate-instance']);
  }, 30_000);

  it('serves no /metrics when metrics are disabled', async () => {
    await using node = await startProcess([], { ARTEMIS_METRICS__ENABLED: 'false' });
    expect((await fetch(`${node.url}/metrics`)).status).toBe(404);
  }, 30_000);

  const promtool = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
  (promtool ? it : it.skip)('passes promtool check metrics on a running node', async () => {
    await using node = await startProcess();
    await postJson(node.url, Paths.registry.register, { instances: [orders] });
    await postJson(node.url, Paths.management.operateInstance, pullout, node.auth);
    const text = await (await fetch(`${node.url}/metrics`)).text();
    expect(() => execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' })).not.toThrow();
  }, 30_000);
});
