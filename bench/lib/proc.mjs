// What /proc says about a process.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Resident set size in bytes. */
export function rssBytes(pid) {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb * 1024;
}

/** Proportional set size in bytes: shared pages split among the processes sharing them. */
export function pssBytes(pid) {
  const kb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  return kb * 1024;
}

/** CPU time (user + system) a process has used so far, in ms; 10 ms resolution (USER_HZ 100). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The pids whose parent is `pid`. */
export function childPids(pid) {
  const children = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** PSS of the embedded Postgres of a node's data directory: its postmaster and every child. */
export function embeddedPostgresPssBytes(dataDir) {
  const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n', 1)[0]);
  return [postmaster, ...childPids(postmaster)].reduce((sum, pid) => sum + pssBytes(pid), 0);
}
