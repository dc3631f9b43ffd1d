import { ArtemisRequestError, ArtemisUnauthenticatedError, ArtemisUnreachableError } from '@artemis/client/admin';

/** The protocol error code of a failed call, or null (unreachable node, a bug). */
export function errorCodeOf(error: unknown): string | null {
  return error instanceof ArtemisRequestError ? error.code : null;
}

/** The error's text: the server's words, or that the node could not be reached. */
export function messageOf(error: unknown): string {
  if (error instanceof ArtemisUnreachableError) return 'The node cannot be reached.';
  return error instanceof Error ? error.message : String(error);
}

/** The error's text with its protocol code, as forms show a refusal. */
export function describeError(error: unknown): string {
  const message = messageOf(error);
  const code = errorCodeOf(error);
  return code === null ? message : `${message} (${code})`;
}

/** True when the node does not serve the path (a node without `/api/auth/`). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ArtemisRequestError && error.httpStatus === 404;
}

/** True when the caller must sign in (again). */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ArtemisUnauthenticatedError;
}
