import { decodeInstancesRequest, ErrorCode, failStatus, readInstanceKeys, RegistryOperation, type InstancesResponse } from '@artemis/core';
import { silentLogger, type ArtemisEngine, type Logger } from '@artemis/server';
import { pushErrorStatus } from './push-errors.js';
import type { RawData } from 'ws';
import { sessionClient } from '../http/client-key.js';
import type { WsSession } from './ws-session.js';

function badRequest(message: string): InstancesResponse {
  return { failedInstances: null, responseStatus: failStatus(ErrorCode.badRequest, message) };
}

/**
 * Answers one heartbeat frame exactly as HTTP `heartbeat.json` answers (docs/protocol.md);
 * `client` names the session for its fair share of the rate limit.
 */
export function heartbeatReply(engine: ArtemisEngine, data: RawData, isBinary: boolean, client?: string, logger: Logger = silentLogger): InstancesResponse {
  if (isBinary) return badRequest('heartbeats are JSON text frames, not binary');
  // A frame of the same bytes as an earlier one renews its leases by its plan, as HTTP
  // heartbeat.json does; otherwise it is read by its keys straight from the bytes, and what the
  // reader leaves goes to JSON.parse and the decoder, which decide and word any error.
  const plan = Buffer.isBuffer(data) ? engine.registry.plannedHeartbeat(data) : undefined;
  const planned = plan === undefined ? undefined : engine.registry.heartbeatPlanned(plan, client);
  if (planned !== undefined) return planned;
  const batch = Buffer.isBuffer(data) ? readInstanceKeys(data) : null;
  if (batch !== null) {
    try {
      return engine.registry.heartbeat(batch, client);
    } catch (error) {
      return { failedInstances: null, responseStatus: pushErrorStatus(error, logger, 'heartbeat') };
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(data.toString());
  } catch (error) {
    return badRequest(`malformed JSON: ${(error as Error).message}`);
  }
  try {
    return engine.registry.execute(RegistryOperation.heartbeat, decodeInstancesRequest(body), client);
  } catch (error) {
    return { failedInstances: null, responseStatus: pushErrorStatus(error, logger, 'heartbeat') };
  }
}

/** `/ws/registry/heartbeat`: each text frame a HeartbeatRequest, each answered with a HeartbeatResponse. */
export function serveHeartbeatSession(engine: ArtemisEngine, session: WsSession, logger: Logger = silentLogger): void {
  const client = sessionClient('ws', session.id);
  session.socket.on('message', (data, isBinary) => {
    session.send(JSON.stringify(heartbeatReply(engine, data, isBinary, client, logger)));
  });
}
