import { UsageError } from './exit-codes.js';

const UNITS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Reads `--since`: a duration back from `now` (`30m`, `2h`, `7d`) or an ISO 8601 time; epoch ms. */
export function parseSince(text: string, now: number): number {
  const relative = /^(\d+)([smhd])$/.exec(text.trim());
  if (relative !== null) return now - Number(relative[1]) * (UNITS[relative[2] as string] as number);
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new UsageError(`--since "${text}" is neither a duration (30m, 2h, 7d) nor an ISO 8601 time`);
  return time;
}
