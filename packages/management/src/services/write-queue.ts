import { ArtemisError, ErrorCode } from '@artemis/core';

/**
 * Runs a node's management writes one after another, in arrival order. The database
 * serialises writes anyway (an advisory lock), so letting them queue there would only hold
 * pooled connections idle and starve reads and snapshot loads; here they wait without one.
 * The queue is bounded: past `maxWaiting`, a write fails with `service-unavailable` at once.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly maxWaiting: number) {}

  /** Writes queued or running now. */
  get size(): number {
    return this.waiting;
  }

  /** Runs `work` once every write queued before it has finished (whatever their outcome). */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.waiting >= this.maxWaiting) {
      return Promise.reject(new ArtemisError(ErrorCode.serviceUnavailable, `too many management writes in progress (${this.maxWaiting}); retry later.`));
    }
    this.waiting += 1;
    const result = this.tail.then(work).finally(() => (this.waiting -= 1));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
