/** Structured fields attached to a log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The logging seam. The `artemis` app plugs winston in; embedders pass their own or none.
 *
 * @example
 * ```ts
 * import type { Logger } from '@artemis/server';
 * const logger: Logger = { error: console.error, warn: console.warn, info: console.info, debug: () => {} };
 * ```
 */
export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
};
