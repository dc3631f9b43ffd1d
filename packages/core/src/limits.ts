/**
 * Bounds every input is held to (protocol.md §4). A request over a bound is refused whole.
 */
export const Limits = {
  /** Longest id (serviceId, instanceId, regionId, zoneId, groupId, ...). */
  maxIdLength: 256,
  /** Longest free text (url, healthCheckUrl, machineName, ...). */
  maxTextLength: 2048,
  /** Most metadata entries on one instance or config. */
  maxMetadataEntries: 64,
  /** Most metadata characters (keys plus values) on one instance or config. */
  maxMetadataChars: 4096,
  /** Most instances in one register, heartbeat or unregister request. */
  maxBatchSize: 1000,
  /** Most discovery configs in one lookup, or ids in one leases query. */
  maxLookupSize: 1000,
  /** Most items in one management write (groups, rules, operations, instances...). */
  maxManagementBatch: 1000,
  /** Rows a log query returns when it names no limit. */
  defaultLogLimit: 100,
  /** Most rows one log query may return. */
  maxLogLimit: 1000,
  /** Default request body limit, after decompression (configurable per node). */
  defaultBodyLimitBytes: 1024 * 1024,
} as const;
