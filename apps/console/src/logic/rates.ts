import type { SecondCounts } from '../live/live-reducer';

/** One value per second for the last `seconds` seconds up to `now`, zero where nothing happened. */
export function perSecond(rates: readonly SecondCounts[], field: 'new' | 'change' | 'delete', now: number, seconds: number): number[] {
  const last = Math.floor(now / 1000);
  const bySecond = new Map(rates.map((entry) => [entry.second, entry[field]]));
  const values: number[] = [];
  for (let second = last - seconds + 1; second <= last; second += 1) values.push(bySecond.get(second) ?? 0);
  return values;
}
