import type { ServiceNode } from '@artemis/core';
import { Backoff, type BackoffOptions } from '../internal/backoff.js';

/** One known node and its health as this client saw it. */
interface NodeEntry {
  readonly url: string;
  /** Zone from `up-*-nodes`; null for a seed not yet confirmed. */
  readonly zoneId: string | null;
  /** The node is skipped until this time (performance.now()). */
  coolUntil: number;
  /** When the last failure was recorded. */
  failedAt: number;
  readonly backoff: Backoff;
}

/** What an {@link AddressBook} is built from. */
export interface AddressBookOptions {
  /** Seed URLs, normalised. */
  readonly seeds: readonly string[];
  /** This client's zone: nodes of it come first. */
  readonly zoneId: string;
  /** How long a failed node is skipped: grows per consecutive failure. */
  readonly cooldown: BackoffOptions;
  readonly random?: () => number;
  readonly now?: () => number;
}

/**
 * The nodes one channel (registry or discovery) may use: seeds at first, then the lists from
 * `up-registry-nodes` / `up-discovery-nodes`. One node is pinned, chosen at random among the
 * healthy nodes of the client's own zone (then any zone); a failure puts the node in a
 * cooldown that grows with consecutive failures, and the next request moves on.
 */
export class AddressBook {
  private entries: NodeEntry[];
  private pinned: NodeEntry | null = null;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: AddressBookOptions) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => performance.now());
    this.entries = options.seeds.map((url) => this.entry(url, null));
  }

  /** Every known node URL. */
  urls(): string[] {
    return this.entries.map((entry) => entry.url);
  }

  /** The pinned node, choosing one when none is pinned or the pinned one failed. */
  current(): string {
    const now = this.now();
    if (this.pinned !== null && this.pinned.coolUntil <= now && this.entries.includes(this.pinned)) return this.pinned.url;
    this.pinned = this.choose(now);
    return this.pinned.url;
  }

  /**
   * Nodes in the order a request should try them: the pinned node, then healthy nodes of the
   * own zone, then other healthy nodes, then nodes in cooldown (soonest first).
   */
  ordered(): string[] {
    const now = this.now();
    const first = this.current();
    const rest = this.shuffled(this.entries.filter((entry) => entry.url !== first));
    const healthy = rest.filter((entry) => entry.coolUntil <= now);
    const local = healthy.filter((entry) => this.isLocal(entry));
    const remote = healthy.filter((entry) => !this.isLocal(entry));
    const cooling = rest.filter((entry) => entry.coolUntil > now).sort((a, b) => a.coolUntil - b.coolUntil);
    return [first, ...local.map((e) => e.url), ...remote.map((e) => e.url), ...cooling.map((e) => e.url)];
  }

  /** Records a failure of `url`: it is skipped for a growing while, and unpinned. */
  markFailed(url: string): void {
    const entry = this.entries.find((candidate) => candidate.url === url);
    if (entry === undefined) return;
    entry.failedAt = this.now();
    entry.coolUntil = entry.failedAt + entry.backoff.next();
    if (this.pinned === entry) this.pinned = null;
  }

  /**
   * Records a success of `url` for an exchange that began at `startedAt`: its cooldown is reset,
   * unless a failure was recorded after that exchange began (a late answer from a node that has
   * died since must not bring it back).
   */
  markOk(url: string, startedAt: number = this.now()): void {
    const entry = this.entries.find((candidate) => candidate.url === url);
    if (entry === undefined || entry.failedAt > startedAt) return;
    entry.coolUntil = 0;
    entry.backoff.reset();
  }

  /** True when every node is in cooldown. */
  allFailed(): boolean {
    const now = this.now();
    return this.entries.every((entry) => entry.coolUntil > now);
  }

  /** Pins `url` when it is known (the node the push connection uses, so HTTP and push agree). */
  pin(url: string): void {
    const entry = this.entries.find((candidate) => candidate.url === url);
    if (entry !== undefined) this.pinned = entry;
  }

  /**
   * Replaces the list with the nodes a server reported. An empty list keeps the current one (a
   * node that answers but knows no up node is no reason to forget the seeds). Known nodes keep
   * their health; the pinned node stays pinned when still listed.
   */
  replace(nodes: readonly ServiceNode[], normalise: (url: string) => string | null): boolean {
    const next: NodeEntry[] = [];
    for (const node of nodes) {
      const url = normalise(node.url);
      if (url === null || next.some((entry) => entry.url === url)) continue;
      const known = this.entries.find((entry) => entry.url === url);
      const zoneId = node.zone.zoneId ?? null;
      next.push(known !== undefined && known.zoneId === zoneId ? known : { ...this.entry(url, zoneId), coolUntil: known?.coolUntil ?? 0, failedAt: known?.failedAt ?? -Infinity });
    }
    if (next.length === 0) return false;
    // Seeds stay as a last resort: a node reports only the cluster it sees, and seeds may
    // name nodes outside it (or the load balancer in front of them).
    for (const seed of this.options.seeds) {
      if (next.some((entry) => entry.url === seed)) continue;
      next.push(this.entries.find((entry) => entry.url === seed) ?? this.entry(seed, null));
    }
    const pinnedUrl = this.pinned?.url;
    this.entries = next;
    this.pinned = next.find((entry) => entry.url === pinnedUrl) ?? null;
    return true;
  }

  private isLocal(entry: NodeEntry): boolean {
    return entry.zoneId !== null && entry.zoneId.toLowerCase() === this.options.zoneId.toLowerCase();
  }

  private choose(now: number): NodeEntry {
    const healthy = this.entries.filter((entry) => entry.coolUntil <= now);
    const local = healthy.filter((entry) => this.isLocal(entry));
    const pool = local.length > 0 ? local : healthy;
    if (pool.length > 0) return pool[Math.floor(this.random() * pool.length)] ?? (pool[0] as NodeEntry);
    // Everything is cooling: take the one that recovers first rather than nothing.
    return [...this.entries].sort((a, b) => a.coolUntil - b.coolUntil)[0] as NodeEntry;
  }

  private shuffled(entries: NodeEntry[]): NodeEntry[] {
    const copy = [...entries];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as NodeEntry, copy[i] as NodeEntry];
    }
    return copy;
  }

  private entry(url: string, zoneId: string | null): NodeEntry {
    return { url, zoneId, coolUntil: 0, failedAt: -Infinity, backoff: new Backoff(this.options.cooldown, this.random) };
  }
}
