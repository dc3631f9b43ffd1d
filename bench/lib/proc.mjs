// What /proc says about a process.
import { readFileSync } from 'node:fs';

/** Resident set size in bytes. */
export function rssBytes(pid) {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb * 1024;
}
