import { describe, expect, it } from 'vitest';
import { createInstance, type Service } from '@artemis/core';
import { initialLiveState, liveReducer, type LiveService } from '../src/live/live-reducer';
import { filterAudit, columnsOf, type AuditRow } from '../src/logic/audit-filter';
import { toCsv } from '../src/logic/csv';
import { distinct, emptyInstanceFilter, filterInstances, serviceRows } from '../src/logic/instance-filter';

const inst = (serviceId: string, instanceId: string, zoneId: string, ip: string, status = 'up') =>
  createInstance({ serviceId, instanceId, zoneId, ip, status, regionId: 'default', url: `http://${ip}/${instanceId}` });
const svc = (serviceId: string, ...instances: ReturnType<typeof inst>[]): Service => ({ serviceId, instances, logicInstances: null, metadata: null, routeRules: null });

function services(): LiveService[] {
  const state = liveReducer(initialLiveState, {
    type: 'snapshot',
    at: 0,
    services: [
      svc('orders', inst('orders', 'o-1', 'z1', '10.0.0.1'), inst('orders', 'o-2', 'z2', '10.0.1.2', 'down'), inst('orders', 'o-3', 'z1', '10.1.0.3', 'starting')),
      svc('Payments', inst('Payments', 'p-1', 'z2', '10.0.0.4')),
    ],
  });
  return [...state.services.values()];
}
const ids = (rows: { instance: { instanceId: string | null } }[]) => rows.map((row) => row.instance.instanceId);

describe('instance filter', () => {
  it('matches everything when empty', () => {
    expect(ids(filterInstances(services(), emptyInstanceFilter))).toEqual(['o-1', 'o-2', 'o-3', 'p-1']);
  });
  it('filters by service and zone case-insensitively, and by IP prefix', () => {
    expect(ids(filterInstances(services(), { ...emptyInstanceFilter, service: 'ORDERS', zone: 'Z1' }))).toEqual(['o-1', 'o-3']);
    expect(ids(filterInstances(services(), { ...emptyInstanceFilter, ip: '10.0.' }))).toEqual(['o-1', 'o-2', 'p-1']);
    expect(ids(filterInstances(services(), { ...emptyInstanceFilter, ip: '10.0.0.1' }))).toEqual(['o-1']);
  });
  it('filters by status: pulled out (management down), served, client not up', () => {
    expect(ids(filterInstances(services(), { ...emptyInstanceFilter, status: 'pulled-out' }))).toEqual(['o-2']);
    expect(ids(filterInstances(services(), { ...emptyInstanceFilter, status: 'serving' }))).toEqual(['o-1', 'o-3', 'p-1']);
    expect(ids(filterInstances(services(), { ...emptyInstanceFilter, status: 'client-down' }))).toEqual(['o-3']);
  });
  it('matches free text against instance id and URL', () => {
    expect(ids(filterInstances(services(), { ...emptyInstanceFilter, text: '10.1.0' }))).toEqual(['o-3']);
    expect(ids(filterInstances(services(), { ...emptyInstanceFilter, text: 'P-1' }))).toEqual(['p-1']);
  });
  it('lists the distinct services and zones', () => {
    expect(distinct(services(), 'serviceId')).toEqual(['Payments', 'orders']);
    expect(distinct(services(), 'zoneId')).toEqual(['z1', 'z2']);
  });
});

describe('service rows', () => {
  it('counts instances per zone and pulled out, searches and sorts', () => {
    expect(serviceRows(services(), '', 'name', false)).toEqual([
      { serviceId: 'orders', total: 3, pulledOut: 1, zones: { z1: 2, z2: 1 } },
      { serviceId: 'Payments', total: 1, pulledOut: 0, zones: { z2: 1 } },
    ]);
    expect(serviceRows(services(), 'pay', 'name', false).map((row) => row.serviceId)).toEqual(['Payments']);
    expect(serviceRows(services(), '', 'instances', false).map((row) => row.serviceId)).toEqual(['Payments', 'orders']);
    expect(serviceRows(services(), '', 'name', true).map((row) => row.serviceId)).toEqual(['Payments', 'orders']);
  });
});

describe('audit filter and CSV', () => {
  const rows: AuditRow[] = [
    { id: 1, createTime: 1_000, operatorId: 'alice', serviceId: 'orders', operation: 'pullout' },
    { id: 2, createTime: 2_000, operatorId: 'Bob', serviceId: 'payments', operation: 'pullout' },
    { id: 3, createdAt: new Date(3_000).toISOString(), operator: 'alice', event: 'login' },
  ];
  it('filters by operator, service and time range', () => {
    expect(filterAudit(rows, { operator: 'ALICE', service: '', from: null, to: null }).map((row) => row.id)).toEqual([1, 3]);
    expect(filterAudit(rows, { operator: '', service: 'payments', from: null, to: null }).map((row) => row.id)).toEqual([2]);
    expect(filterAudit(rows, { operator: '', service: '', from: 1_500, to: 3_000 }).map((row) => row.id)).toEqual([2, 3]);
  });
  it('exports CSV with a header, quoting and no spreadsheet formulas', () => {
    const columns = columnsOf(rows);
    expect(columns.slice(0, 5)).toEqual(['id', 'createTime', 'createdAt', 'operatorId', 'operator']);
    expect(toCsv(['a', 'b'], [{ a: 'x,y', b: 'say "hi"' }, { a: '=cmd()', b: null }])).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=cmd(),\r\n');
  });
});
