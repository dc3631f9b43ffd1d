import type { OperationContext } from '@artemis/core';

/** Who makes a management write, and why; recorded in the management logs (docs/management.md). */
export interface WriteContext {
  /** Recorded as the operator; with security on, the node records the token's principal instead. */
  readonly operatorId?: string;
  /** A free-form operation name (`pullout`, `release`...). */
  readonly operation?: string;
  readonly reason?: string;
  /** JSON text kept with the log rows. */
  readonly extensions?: string;
}

/** The wire operation context: the call's fields over the client's defaults, nulls for the rest. */
export function operationContext(defaults: WriteContext, given: WriteContext | undefined, operation: string): OperationContext {
  const merged = { ...defaults, ...given };
  return {
    extensions: merged.extensions ?? null,
    operation: merged.operation ?? operation,
    operatorId: merged.operatorId ?? null,
    reason: merged.reason ?? null,
    token: null,
  };
}
