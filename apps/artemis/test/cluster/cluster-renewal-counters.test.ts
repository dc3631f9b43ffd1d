import { describe, expect, it } from '@jest/globals';
import { registry, TestCluster } from './cluster-nodes.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface PeerEntry {
  readonly node: { readonly url: string };
  readonly replication?: { readonly renewalsUnknown: number; readonly resentWhole: number };
}

/** A's entries for its peers in `cluster.json` (the first entry is A itself). */
async function peerEntries(url: string): Promise<PeerEntry[]> {
  const status = (await (await fetch(`${url}/api/status/cluster.json`)).json()) as { nodesStatus: PeerEntry[] | null };
  if (status.nodesStatus === null) throw new Error(`cluster.json refused: ${JSON.stringify(status)}`);
  return status.nodesStatus.slice(1);
}

/** The values of one metric's series, by label text. */
async function series(url: string, name: string): Promise<number[]> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'gm'))].map((match) => Number(match[1]));
}

describe('renewals a peer answers unknown', () => {
  it('are counted per peer in cluster.json and /metrics, with the instances then sent whole', async () => {
    // B loses its copy without a tombstone the way a replica does when its owner looks dead:
    // B cannot reach A (its link to A is blackholed, A's to B is not), so the copy expires
    // after TTL + grace. A's next replicated renewal (by key, at most every 6 s) finds nothing
    // on B: B answers unknown and A sends the instance whole. Anti-entropy is slowed so that it
    // does not put the copy back first.
    await using cluster = await TestCluster.start(2, {
      ARTEMIS_LEASE__TTL_MS: '2000',
      ARTEMIS_CLUSTER__OWNER_GRACE_MS: '300',
      ARTEMIS_CLUSTER__REQUEST_TIMEOUT_MS: '500',
      ARTEMIS_CLUSTER__RENEWAL_REPLICATION_INTERVAL_MS: '6000',
      ARTEMIS_CLUSTER__ANTI_ENTROPY_INTERVAL_MS: '600000',
      ARTEMIS_SELF_PRESERVATION__ENABLED: 'false',
      // The loop below reads cluster.json every 300 ms.
      ARTEMIS_RATE_LIMITS__STATUS__ENABLED: 'false',
    });
    const [a, b] = [cluster.node('A'), cluster.node('B')];
    expect(await registry(a, 'register', ['o-1'])).toBe('success');
    await cluster.waitUntil(async () => (await cluster.instances(b, 'orders')).length === 1, 10_000);
    const before = await peerEntries(a.url);
    expect(before.map((peer) => peer.replication?.renewalsUnknown)).toEqual([0]);
    expect(before.map((peer) => peer.replication?.resentWhole)).toEqual([0]);
    cluster.proxy('B', 'A').set({ kind: 'blackhole' });
    let lostOnB = false;
    const deadline = Date.now() + 30_000;
    let after: PeerEntry[] = before;
    while (Date.now() < deadline) {
      // A's client keeps renewing: A's own lease lives; B hears of it only by replication.
      expect(await registry(a, 'heartbeat', ['o-1'])).toBe('success');
      if ((await cluster.instances(b, 'orders')).length === 0) lostOnB = true;
      after = await peerEntries(a.url);
      if ((after[0]?.replication?.resentWhole ?? 0) > 0) break;
      await sleep(300);
    }
    expect(lostOnB).toBe(true);
    expect(after[0]?.replication?.renewalsUnknown).toBeGreaterThanOrEqual(1);
    expect(after[0]?.replication?.resentWhole).toBeGreaterThanOrEqual(1);
    // The instance sent whole is on B again.
    await cluster.waitUntil(async () => (await cluster.instances(b, 'orders')).length === 1, 5_000);
    expect((await series(a.url, 'artemis_replication_renewals_unknown_total'))[0]).toBeGreaterThanOrEqual(1);
    expect((await series(a.url, 'artemis_replication_resent_whole_total'))[0]).toBeGreaterThanOrEqual(1);
    // B sent A nothing to answer unknown: its renewals of A's instance are none.
    expect(await series(b.url, 'artemis_replication_renewals_unknown_total')).toEqual([0]);
  }, 90_000);
});
