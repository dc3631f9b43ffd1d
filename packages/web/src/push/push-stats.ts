import type { PushChannelName, PushStatsResponse } from '@artemis/core';

export type { PushChannelName };

/** Counters of the push channels, read by `connections.json`, `push.json` and metrics. */
export class PushStats implements PushStatsResponse {
  /** Open sessions per channel. */
  readonly sessions: Record<PushChannelName, number> = { heartbeat: 0, instanceChange: 0, allInstanceChange: 0, socketIo: 0 };
  /** Messages pushed to sessions (one per session per change). */
  pushes = 0;
  /** Sessions closed because their backlog passed the bound. */
  closedSlow = 0;
  /** Sessions closed at the end of their lifetime. */
  closedExpired = 0;
  /** Handshakes refused by an IP block list. */
  refusedHandshakes = 0;
  /** socket.io requests (heartbeats, subscriptions) refused by an IP block list. */
  blockedRequests = 0;
  /** Sessions refused because their address had its maximum open (`push.maxSessionsPerAddress`). */
  refusedSessions = 0;
  /** Subscriptions held by every session together (bounded by `push.maxSubscriptions`). */
  subscriptions = 0;
  /** Messages pushed, per channel (socket.io counts each session of the rooms reached). */
  readonly delivered: Record<PushChannelName, number> = { heartbeat: 0, instanceChange: 0, allInstanceChange: 0, socketIo: 0 };
  /** Sessions cut for not keeping up, per channel. */
  readonly slow: Record<PushChannelName, number> = { heartbeat: 0, instanceChange: 0, allInstanceChange: 0, socketIo: 0 };
  /** Told how long one change took to hand to every subscriber (metrics); null when unobserved. */
  fanoutObserver: ((seconds: number) => void) | null = null;
}
