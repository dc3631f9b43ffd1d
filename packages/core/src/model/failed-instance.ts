import type { Instance } from './instance.js';

/** An instance of a batch that failed, with why (docs/java-reference.md §2.9). */
export interface FailedInstance {
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly instance: Instance;
}
