import winston from 'winston';
import type { Logger } from '@artemis/server';
import { requestLogFields } from '@artemis/web';

/** Logging settings. */
export interface LogOptions {
  readonly level: 'error' | 'warn' | 'info' | 'debug';
  /** `json`: one JSON object per line (for collectors); `pretty`: readable lines for people. */
  readonly format: 'json' | 'pretty';
}

/**
 * Adds the request being served (`requestId`, and `traceId` when traced) to every line written
 * while serving it, whichever part of the node writes it; fields a line sets itself are kept.
 */
export const requestFields = winston.format((info) => {
  const request = requestLogFields();
  if (request === undefined) return info;
  info['requestId'] ??= request.requestId;
  if (request.traceId !== undefined) info['traceId'] ??= request.traceId;
  return info;
});

/**
 * A winston logger behind the engine's {@link Logger} seam, writing to stdout (a node's log), or
 * to stderr for commands whose stdout is their answer.
 */
export function createLogger(options: LogOptions, defaults: Readonly<Record<string, unknown>> = {}, destination: 'stdout' | 'stderr' = 'stdout'): Logger & { close(): void } {
  const format =
    options.format === 'json'
      ? winston.format.combine(requestFields(), winston.format.timestamp(), winston.format.json())
      : winston.format.combine(
          requestFields(),
          winston.format.timestamp(),
          winston.format.printf(({ timestamp, level, message, ...fields }) => {
            const rest = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
            return `${String(timestamp)} ${level.toUpperCase().padEnd(5)} ${String(message)}${rest}`;
          }),
        );
  const logger = winston.createLogger({ level: options.level, format, defaultMeta: defaults, transports: [new winston.transports.Console(destination === 'stderr' ? { stderrLevels: ['error', 'warn', 'info', 'debug'] } : {})] });
  return {
    error: (message, fields) => logger.error(message, fields),
    warn: (message, fields) => logger.warn(message, fields),
    info: (message, fields) => logger.info(message, fields),
    debug: (message, fields) => logger.debug(message, fields),
    close: () => logger.close(),
  };
}
