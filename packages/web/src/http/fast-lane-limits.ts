/** Bounds and timeouts of the fast lane; node:http's defaults, which the connections it hands over get. */
export interface FastLaneLimits {
  /** Longest request head read (node:http's `maxHeaderSize`, 16 KiB); a longer one is handed over. */
  readonly maxHeadBytes: number;
  /** An idle keep-alive connection is closed after this long (node:http's `keepAliveTimeout`). */
  readonly keepAliveTimeoutMs: number;
  /** A request head must arrive whole within this long (node:http's `headersTimeout`). */
  readonly headersTimeoutMs: number;
  /** A request must arrive whole within this long (node:http's `requestTimeout`). */
  readonly requestTimeoutMs: number;
}

/** The limits the node uses. */
export const defaultFastLaneLimits: FastLaneLimits = { maxHeadBytes: 16 * 1024, keepAliveTimeoutMs: 5_000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };
