import { describe, expect, it } from 'vitest';
import type { ClusterNodeStatus, PeerReplicationStatus } from '@artemis/core';
import { clusterRows, formatDuration } from '../src/logic/cluster-rows';

const zone = { metadata: null, regionId: 'default', zoneId: 'z1' };
const base = (url: string, status = 'up'): ClusterNodeStatus => ({ allowDiscoveryFromOtherZone: true, allowRegistryFromOtherZone: true, canServiceDiscovery: true, canServiceRegistry: true, node: { url, zone }, status });
const replication = (queueDepth: number, dirty = false): PeerReplicationStatus => ({ queueDepth, dirty, sent: 10, batches: 2, coalesced: 0, overflowed: 0, retried: 1, requests: 20, bytes: 300, syncRounds: 3, repairedBuckets: 0, renewalsUnknown: 4, resentWhole: 3 });

describe('clusterRows', () => {
  it('marks the answering node as self, without replication', () => {
    const [self] = clusterRows([base('http://a')], 1_000);
    expect(self).toMatchObject({ url: 'http://a', self: true, queueDepth: null, lagMs: null, state: 'up' });
  });

  it('gives a peer in step no lag, and a peer with queued writes the time since its last contact', () => {
    const rows = clusterRows(
      [
        base('http://a'),
        { ...base('http://b'), lastContactTime: 9_000, error: null, replication: replication(0) },
        { ...base('http://c', 'down'), lastContactTime: 4_000, error: 'ECONNREFUSED', replication: replication(12) },
        { ...base('http://d'), lastContactTime: 8_500, error: null, replication: replication(0, true) },
        { ...base('http://e', 'unknown'), lastContactTime: null, error: null, replication: replication(3) },
      ],
      10_000,
    );
    expect(rows.map((row) => [row.url, row.queueDepth, row.lagMs])).toEqual([
      ['http://a', null, null],
      ['http://b', 0, 0],
      ['http://c', 12, 6_000],
      ['http://d', 0, 1_500],
      ['http://e', 3, null],
    ]);
    expect(rows[2]).toMatchObject({ self: false, error: 'ECONNREFUSED', state: 'down', lastContact: 4_000, renewalsUnknown: 4, resentWhole: 3 });
    expect(rows[0]).toMatchObject({ renewalsUnknown: null, resentWhole: null });
  });

  it('formats durations for people', () => {
    expect([formatDuration(null), formatDuration(250), formatDuration(6_000), formatDuration(125_000)]).toEqual(['—', '250 ms', '6.0 s', '2 min 5 s']);
  });
});
