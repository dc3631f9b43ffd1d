import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  decode,
  ErrorCode,
  failStatus,
  Paths,
  replicationBatchRequestSchema,
  replicationRecordsRequestSchema,
  replicationSyncRequestSchema,
} from '@artemis/core';
import { JsonBody, SignatureHeaders, verifyRequest, type ClusterReplication, type Logger } from '@artemis/server';
import { readBody, parseJson } from '../http/body-reader.js';
import { errorReply } from '../http/error-response.js';
import { HttpError } from '../http/http-error.js';
import type { JsonRoute } from '../http/json-route.js';
import { requestIdOf } from '../http/request-id.js';
import type { RequestScope, RequestTracer } from '../http/serve-route.js';
import { sendJson } from '../http/send-json.js';

/** What the replication endpoints serve: the node's cluster, and the secret peers sign with. */
export interface ReplicationEndpointOptions {
  readonly cluster: ClusterReplication;
  readonly secret: string;
}

/** The cluster's own paths (docs/protocol.md, "Cluster replication"). */
const CLUSTER_PATHS: ReadonlySet<string> = new Set([
  Paths.replication.batch,
  Paths.replication.digest,
  Paths.replication.sync,
  Paths.replication.records,
  Paths.replication.status,
]);

/**
 * The cluster paths as the request tracer names them. They are served here, signed, not as
 * routes; the descriptors only give their spans a path and an operation.
 */
const TRACED_PATHS: ReadonlyMap<string, JsonRoute> = new Map(
  [...CLUSTER_PATHS].map((path) => [
    path,
    {
      path,
      methods: ['POST'],
      operation: `replication-${path.split('/').at(-1)?.replace(/\.json$/, '') ?? 'call'}`,
      access: 'open',
      serve: () => {
        throw new Error(`${path} is served by the replication handler`);
      },
    } satisfies JsonRoute,
  ]),
);

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function dispatch(cluster: ClusterReplication, path: string, body: unknown): object {
  switch (path) {
    case Paths.replication.batch:
      return cluster.receiveBatch(decode(replicationBatchRequestSchema, body));
    case Paths.replication.sync:
      return cluster.receiveSync(decode(replicationSyncRequestSchema, body));
    case Paths.replication.records:
      return cluster.records(decode(replicationRecordsRequestSchema, body));
    case Paths.replication.digest:
      return cluster.digest();
    default:
      return cluster.status();
  }
}

/**
 * The peer-to-peer endpoints: every request must carry an HMAC of method, path, timestamp and
 * body made with the cluster secret; anything else is refused with `no-permission` before its
 * body is even parsed, and nothing is applied. Returns false for paths it does not serve.
 */
export function replicationHandler(
  current: () => ReplicationEndpointOptions | null,
  options: { readonly bodyLimitBytes: number; readonly logger: Logger; readonly tracer?: RequestTracer },
): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    const url = request.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    if (!CLUSTER_PATHS.has(path)) return false;
    const refuse = (status: number, code: ErrorCode, message: string): void => {
      sendJson(request, response, status, new JsonBody(JSON.stringify({ responseStatus: failStatus(code, message) })));
    };
    if (request.method !== 'POST') {
      refuse(405, ErrorCode.badRequest, `${path} accepts POST only`);
      return true;
    }
    const endpoint = current();
    if (endpoint === null) {
      refuse(403, ErrorCode.noPermission, 'this node is not part of a cluster (no peers and no cluster secret)');
      request.resume();
      return true;
    }
    readBody(request, options.bodyLimitBytes).then(
      (body) => {
        try {
          const refusal = verifyRequest(
            endpoint.secret,
            'POST',
            path,
            { timestamp: header(request, SignatureHeaders.timestamp), signature: header(request, SignatureHeaders.signature) },
            body,
            Date.now(),
          );
          if (refusal !== null) {
            options.logger.warn(`replication request refused: ${refusal}`, { event: 'replication-refused', path, remote: request.socket.remoteAddress });
            refuse(403, ErrorCode.noPermission, refusal);
            return;
          }
          const route = TRACED_PATHS.get(path) as JsonRoute;
          // A peer's batch or round continues its trace here when it sent a sampled `traceparent`.
          const scope: RequestScope | null = options.tracer?.start({ route, request, requestId: requestIdOf(request), startedAt: performance.now() }) ?? null;
          if (scope === null) {
            sendJson(request, response, 200, dispatch(endpoint.cluster, path, parseJson(body)));
            return;
          }
          try {
            scope.run(() => sendJson(request, response, 200, dispatch(endpoint.cluster, path, parseJson(body))));
            scope.end(200);
          } catch (error) {
            scope.end(500);
            throw error;
          }
        } catch (error) {
          const reply = errorReply(error, options.logger, path);
          sendJson(request, response, reply.status, new JsonBody(reply.body));
        }
      },
      (error: unknown) => {
        const reply = errorReply(error instanceof HttpError ? error : error, options.logger, path);
        const extra = error instanceof HttpError && error.httpStatus === 413 ? { Connection: 'close' } : undefined;
        if (!response.headersSent) sendJson(request, response, reply.status, new JsonBody(reply.body), extra);
      },
    );
    return true;
  };
}
