import type { RequestHead } from './answer-sink.js';
import type { JsonRoute, RouteResult } from './json-route.js';

/** One request on a protocol route, as observers see it once it is answered. */
export interface Exchange {
  readonly route: JsonRoute;
  readonly request: RequestHead;
  /** The `x-request-id` of the answer: the caller's when it sent a usable one, else ours. */
  readonly requestId: string;
  /** `performance.now()` when the request reached its route. */
  readonly startedAt: number;
}

/**
 * Told of every answered request on a protocol route: metrics and the access log. Called on the
 * hot paths, so it must be cheap and must never throw.
 */
export interface RequestObserver {
  /** `result` is the answer's body when the handler or a protocol error answered (HTTP 200), undefined for a refusal (4xx). */
  answered(exchange: Exchange, status: number, result: RouteResult | undefined): void;
}

/** Observers in turn, or the only one, or none. */
export function combineObservers(observers: readonly (RequestObserver | undefined)[]): RequestObserver | undefined {
  const present = observers.filter((observer): observer is RequestObserver => observer !== undefined);
  if (present.length <= 1) return present[0];
  if (present.length === 2) return new ObserverPair(present[0] as RequestObserver, present[1] as RequestObserver);
  return {
    answered(exchange, status, result) {
      for (const observer of present) observer.answered(exchange, status, result);
    },
  };
}

/** The usual case, metrics and the access log: two direct calls, no loop on the hot path. */
class ObserverPair implements RequestObserver {
  constructor(
    private readonly first: RequestObserver,
    private readonly second: RequestObserver,
  ) {}

  answered(exchange: Exchange, status: number, result: RouteResult | undefined): void {
    this.first.answered(exchange, status, result);
    this.second.answered(exchange, status, result);
  }
}
