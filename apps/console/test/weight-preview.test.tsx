import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createInstance } from '@artemis/core';
import { countMembers } from '../src/logic/group-membership';
import { previewByZone, sharesOf, unreleased, type PreviewGroup } from '../src/logic/weight-preview';
import { parseGroupLines } from '../src/logic/group-lines';
import { WeightPreviewTable } from '../src/pages/weight-preview-table';

afterEach(cleanup);

const group = (groupKey: string, zoneId: string, weight: number | null, extra: Partial<PreviewGroup> = {}): PreviewGroup => ({ groupKey, zoneId, weight, active: true, instances: null, ...extra });

describe('weight preview', () => {
  it('splits by weight, serving null as 5 and capping at 10000', () => {
    expect(sharesOf([group('a', 'z1', 30), group('b', 'z1', 10)]).map((share) => share.share)).toEqual([0.75, 0.25]);
    expect(sharesOf([group('a', 'z1', null), group('b', 'z1', 15)]).map((share) => share.weight)).toEqual([5, 15]);
    expect(sharesOf([group('a', 'z1', 50_000)])[0]?.weight).toBe(10_000);
  });

  it('leaves out inactive groups and groups known to have no instance', () => {
    const shares = sharesOf([group('a', 'z1', 10), group('b', 'z1', 10, { active: false }), group('c', 'z1', 10, { instances: 0 }), group('d', 'z1', 30, { instances: 2 })]);
    expect(shares.map((share) => [share.groupKey, share.share])).toEqual([
      ['a', 0.25],
      ['d', 0.75],
    ]);
  });

  it('gives every zone the same split with weighted-round-robin', () => {
    const zones = previewByZone('weighted-round-robin', [group('a', 'z1', 1), group('b', 'z2', 3)], ['z1', 'z2']);
    expect(zones.map((zone) => zone.shares.map((share) => share.share))).toEqual([
      [0.25, 0.75],
      [0.25, 0.75],
    ]);
  });

  it('keeps close-by-visit clients in their own zone, and spreads zones without a group over all', () => {
    const zones = previewByZone('close-by-visit', [group('a', 'z1', 1), group('b', 'z2', 3), group('c', 'z2', 1)], ['z1', 'z2', 'z3']);
    expect(zones.map((zone) => [zone.zoneId, zone.shares.map((share) => `${share.groupKey}:${share.share}`), zone.note])).toEqual([
      ['z1', ['a:1'], 'own zone only'],
      ['z2', ['b:0.75', 'c:0.25'], 'own zone only'],
      ['z3', ['a:0.2', 'b:0.6', 'c:0.2'], 'no group in this zone: every group'],
    ]);
  });

  it('finds the memberships whose unreleased weight differs', () => {
    const rows = [
      { weight: 10, unreleasedWeight: 10 },
      { weight: 10, unreleasedWeight: 20 },
      { weight: null, unreleasedWeight: 5 },
      { weight: 7, unreleasedWeight: null },
    ];
    expect(unreleased(rows)).toEqual([rows[1], rows[2]]);
  });

  it('counts group members by key prefix up to a slash, and by listed id', () => {
    const instances = [
      createInstance({ serviceId: 'orders', instanceId: 'o-1', regionId: 'default', zoneId: 'z1', groupId: 'blue' }),
      createInstance({ serviceId: 'orders', instanceId: 'o-2', regionId: 'default', zoneId: 'z1', groupId: 'blue10' }),
      createInstance({ serviceId: 'orders', instanceId: 'o-3', regionId: 'default', zoneId: 'z1' }),
    ];
    expect(countMembers('orders/default/z1/blue', [], instances)).toBe(1);
    expect(countMembers('orders/default/z1/default', [], instances)).toBe(1);
    expect(countMembers('orders/default/z1/green', ['O-2'], instances)).toBe(1);
  });

  it('renders the shares per zone, now and after release', () => {
    render(
      <WeightPreviewTable
        strategy="weighted-round-robin"
        released={[group('blue', 'z1', 100), group('green', 'z1', 0)]}
        unreleased={[group('blue', 'z1', 90), group('green', 'z1', 10)]}
        zones={['z1', 'z2']}
      />,
    );
    const table = screen.getByRole('table', { name: 'Weight preview per zone' });
    const z2 = within(table).getByRole('row', { name: /z2/ });
    const cells = within(z2).getAllByRole('cell');
    expect(cells.map((cell) => cell.getAttribute('data-share'))).toEqual(['90.0%', '10.0%']);
    expect(cells[0]?.textContent).toBe('100.0% → 90.0%');
    expect(cells[1]?.textContent).toBe('0.0% → 10.0%');
  });

  it('validates route rule group lines before anything is sent', () => {
    expect(parseGroupLines('', 'orders', 'default')).toBe('name at least one group');
    expect(parseGroupLines('z1 blue', 'orders', 'default')).toBe('line 1: write “zone name weight”');
    expect(parseGroupLines('z1 blue 10\nz1 green x', 'orders', 'default')).toBe('line 2: the weight is a whole number from 0 to 10000');
    expect(parseGroupLines('z1 blue 20001', 'orders', 'default')).toBe('line 1: the weight is a whole number from 0 to 10000');
    const groups = parseGroupLines('z1 blue 90\n\nz2 green 10', 'orders', 'default');
    expect(Array.isArray(groups) && groups.map((g) => [g.zoneId, g.name, g.weight, g.serviceId, g.appId, g.status])).toEqual([
      ['z1', 'blue', 90, 'orders', 'orders', 'active'],
      ['z2', 'green', 10, 'orders', 'orders', 'active'],
    ]);
  });
});
