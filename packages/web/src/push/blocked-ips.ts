import { ErrorCode, failStatus, type ResponseStatus } from '@artemis/core';
import type { BlockedIps } from './push-options.js';

/** What a block list guards: heartbeats, per-service change subscriptions, all-change subscriptions. */
export type BlockedUse = keyof BlockedIps;

const WHAT: Readonly<Record<BlockedUse, string>> = {
  heartbeat: 'heartbeats',
  instanceChange: 'change subscriptions',
  allInstanceChange: 'all-change subscriptions',
};

/**
 * The `push.blockedIps` lists, applied to every channel that carries what they name: the
 * heartbeat list to `/ws/registry/heartbeat`, socket.io heartbeats and HTTP `heartbeat.json`;
 * the change lists to the Java change endpoints and to socket.io subscriptions.
 */
export class BlockedIpList {
  private readonly lists: Readonly<Record<BlockedUse, ReadonlySet<string>>>;

  constructor(blocked: BlockedIps) {
    this.lists = { heartbeat: new Set(blocked.heartbeat), instanceChange: new Set(blocked.instanceChange), allInstanceChange: new Set(blocked.allInstanceChange) };
  }

  /** True when `ip` is refused `use`. */
  blocks(use: BlockedUse, ip: string): boolean {
    return this.lists[use].has(ip);
  }

  /** The answer given to a blocked caller. */
  refusal(use: BlockedUse, ip: string): ResponseStatus {
    return failStatus(ErrorCode.noPermission, `${ip} is blocked from ${WHAT[use]} (push.blockedIps.${use})`);
  }
}
