import type { InstanceChange } from '@artemis/core';

/** One entry of the change log, as the change bus delivers it. */
export interface ChangeEvent {
  /** The change-log version this change created. */
  readonly version: number;
  /** The service identity (lowercased id). */
  readonly serviceKey: string;
  /** The service id as registered. */
  readonly serviceId: string;
  readonly change: InstanceChange;
}
