/**
 * Errors the SDK throws at its callers. Network trouble inside timers never throws: it is
 * reported as an `error` event and the client keeps its last good state.
 */
export class ArtemisClientError extends Error {
  override readonly name: string = 'ArtemisClientError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An option or an instance given to the SDK is invalid; `field` names it (`instances[0].url`). */
export class InvalidArgumentError extends ArtemisClientError {
  override readonly name = 'InvalidArgumentError';

  constructor(
    /** The path of the offending field. */
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** Every node was tried and none gave a usable answer. */
export class NoServerAvailableError extends ArtemisClientError {
  override readonly name = 'NoServerAvailableError';

  constructor(
    /** The request path that failed. */
    readonly path: string,
    /** The last failure seen. */
    readonly lastError: unknown,
  ) {
    super(`${path}: no Artemis node answered (${lastError instanceof Error ? lastError.message : String(lastError)})`, { cause: lastError });
  }
}

/** A node answered with a failing `responseStatus` that retrying elsewhere will not fix. */
export class ArtemisResponseError extends ArtemisClientError {
  override readonly name = 'ArtemisResponseError';

  constructor(
    readonly path: string,
    /** The protocol error code, e.g. `bad-request`. */
    readonly errorCode: string,
    readonly serverMessage: string,
  ) {
    super(`${path}: ${errorCode}: ${serverMessage}`);
  }
}

/** A wait (`ready()`) ran out of time. */
export class ClientTimeoutError extends ArtemisClientError {
  override readonly name = 'ClientTimeoutError';
}

/** The client was closed; no more calls are accepted. */
export class ClientClosedError extends ArtemisClientError {
  override readonly name = 'ClientClosedError';

  constructor() {
    super('the Artemis client is closed');
  }
}

/** A node's answer had the wrong shape or size; the answer is ignored. */
export class MalformedResponseError extends ArtemisClientError {
  override readonly name = 'MalformedResponseError';
}
