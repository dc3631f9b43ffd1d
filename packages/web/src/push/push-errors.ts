import { ArtemisError, ErrorCode, failStatus, type ResponseStatus } from '@artemis/core';
import type { Logger } from '@artemis/server';

/**
 * The one place where errors on the push channels (Java WebSocket and socket.io) become
 * answers, as `errorReply` is for HTTP: a protocol error keeps its code and message; anything
 * else is a bug, logged, and answered `internal-service-error` without internals. The session
 * stays open either way: nothing is rethrown out of a `message` listener.
 */
export function pushErrorStatus(error: unknown, logger: Logger, channel: string): ResponseStatus {
  if (error instanceof ArtemisError) return failStatus(error.code, error.message);
  logger.error('push request failed', { channel, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return failStatus(ErrorCode.internalServiceError, `${channel} failed on the server; see its log.`);
}
