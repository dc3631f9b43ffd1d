import { z } from 'zod';
import { Limits } from '../limits.js';
import type {
  ReplicaRecord,
  ReplicatedItem,
  ReplicationBatchRequest,
  ReplicationRecordsRequest,
  ReplicationSyncRequest,
} from '../messages/replication-messages.js';
import { instanceSchema } from './instance.schema.js';

/** Buckets anti-entropy hashes instance keys into (docs/protocol.md, "Cluster replication"). */
export const REPLICATION_BUCKETS = 256;

/** Most items in one replication batch or records page. */
export const MAX_REPLICATION_ITEMS = 10_000;

const nodeUrl = z.string().min(1).max(Limits.maxTextLength);
const version = z.number().int().min(0);
const bucketList = z.array(z.number().int().min(0).max(REPLICATION_BUCKETS - 1)).max(REPLICATION_BUCKETS);

const id = z.string().min(1).max(Limits.maxIdLength);

/** One replicated item: a write carrying its instance, or a renewal by key. */
export const replicatedItemSchema: z.ZodType<ReplicatedItem> = z.discriminatedUnion('op', [
  z.object({
    op: z.enum(['register', 'heartbeat', 'unregister']),
    instance: instanceSchema,
    version,
    owner: nodeUrl,
  }),
  z.object({
    op: z.literal('renew'),
    serviceId: id,
    instanceId: id,
    version,
  }),
]);

/** A record moved by anti-entropy or bootstrap. */
export const replicaRecordSchema: z.ZodType<ReplicaRecord> = z.object({
  instance: instanceSchema,
  version,
  owner: nodeUrl,
  renewedAgoMs: z.number().int().min(0),
});

/** Body of `batch.json`. */
export const replicationBatchRequestSchema: z.ZodType<ReplicationBatchRequest> = z.object({
  from: nodeUrl,
  incarnation: z.string().min(1).max(Limits.maxIdLength),
  items: z.array(replicatedItemSchema).max(MAX_REPLICATION_ITEMS),
});

/** Body of `sync.json`. */
export const replicationSyncRequestSchema: z.ZodType<ReplicationSyncRequest> = z.object({
  from: nodeUrl,
  buckets: bucketList,
  records: z.array(replicaRecordSchema).max(MAX_REPLICATION_ITEMS * 10),
  asOf: version,
});

/** Body of `records.json`. */
export const replicationRecordsRequestSchema: z.ZodType<ReplicationRecordsRequest> = z.object({
  from: nodeUrl,
  buckets: bucketList,
});
