/** Remote IPs refused at the handshake, per Java WebSocket endpoint (docs/protocol.md). */
export interface BlockedIps {
  readonly heartbeat: readonly string[];
  readonly instanceChange: readonly string[];
  readonly allInstanceChange: readonly string[];
}

/** Settings of the push channels. */
export interface PushOptions {
  /** A Java WebSocket session is closed this long after it opened, so clients rebalance (Java: 6 min). */
  readonly sessionLifetimeMs: number;
  /** A session whose unsent data passes this many bytes is closed: a stalled client never grows memory. */
  readonly maxBacklogBytes: number;
  /** A socket.io session with more queued packets than this is closed. */
  readonly maxBacklogPackets: number;
  /** Largest WebSocket message or socket.io packet accepted. */
  readonly maxMessageBytes: number;
  readonly blockedIps: BlockedIps;
  /** Most services one push session may subscribe to. */
  readonly maxSubscriptionsPerSession: number;
  /** Most subscriptions of all push sessions together. */
  readonly maxSubscriptions: number;
  /** Most open push sessions (all channels) from one remote address. */
  readonly maxSessionsPerAddress: number;
}

/**
 * Defaults: Java's 6 min lifetime; 8 MiB or 10,000 packets of backlog per session; 10,000
 * subscriptions per session, 200,000 per node; 4,000 sessions per address.
 */
export const defaultPushOptions: PushOptions = {
  sessionLifetimeMs: 360_000,
  maxBacklogBytes: 8 * 1024 * 1024,
  maxBacklogPackets: 10_000,
  maxMessageBytes: 1024 * 1024,
  blockedIps: { heartbeat: [], instanceChange: [], allInstanceChange: [] },
  maxSubscriptionsPerSession: 10_000,
  maxSubscriptions: 200_000,
  maxSessionsPerAddress: 4_000,
};
