import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EmbeddedDatabaseError } from './embedded-database-error.js';

/** The operating-system user the embedded server runs as. */
export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** True when it is the user running this process (no switch needed). */
  readonly current: boolean;
}

interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

function passwdEntries(): PasswdEntry[] {
  if (!existsSync('/etc/passwd')) return [];
  return readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .filter((fields) => fields.length >= 4)
    .map((fields) => ({ name: fields[0] as string, uid: Number(fields[2]), gid: Number(fields[3]) }));
}

/**
 * Who runs the server. Postgres refuses to run as root, so a node running as root (CI, some
 * containers) runs it as the owner of the data directory when that is not root, else as the
 * `postgres` user that a system with Postgres packages has. Without either, it stops with a
 * message saying how to provide one.
 */
export function serverUser(dataDir: string): ServerUser {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid === undefined || gid === undefined || uid !== 0) {
    return { name: process.env['USER'] ?? String(uid ?? ''), uid: uid ?? -1, gid: gid ?? -1, current: true };
  }
  const entries = passwdEntries();
  const owner = statSync(dataDir);
  if (owner.uid !== 0) {
    const entry = entries.find((e) => e.uid === owner.uid);
    return { name: entry?.name ?? String(owner.uid), uid: owner.uid, gid: entry?.gid ?? owner.gid, current: false };
  }
  const postgres = entries.find((e) => e.name === 'postgres');
  if (postgres !== undefined) return { ...postgres, current: false };
  throw new EmbeddedDatabaseError(
    'inaccessible',
    `running as root: Postgres refuses to run as root, and ${dataDir} is owned by root and no 'postgres' user exists; chown the data directory to an unprivileged user (the server then runs as that user), or run artemis as a non-root user`,
  );
}

/**
 * True when `user` may walk down to `path` (execute on every ancestor) and read it. Checks the
 * mode bits for owner, group (primary only) and others; root-run nodes use it before handing a
 * path to the unprivileged server.
 */
export function userCanReach(user: ServerUser, path: string): boolean {
  if (user.current) {
    try {
      accessSync(path, constants.R_OK);
      return true;
    } catch {
      return false;
    }
  }
  const allows = (target: string, bits: { owner: number; group: number; other: number }): boolean => {
    const stat = statSync(target);
    if (stat.uid === user.uid) return (stat.mode & bits.owner) !== 0;
    if (stat.gid === user.gid) return (stat.mode & bits.group) !== 0;
    return (stat.mode & bits.other) !== 0;
  };
  try {
    let current = resolve(path);
    if (!allows(current, { owner: 0o400, group: 0o040, other: 0o004 })) return false;
    for (let parent = dirname(current); parent !== current; current = parent, parent = dirname(parent)) {
      if (!allows(parent, { owner: 0o100, group: 0o010, other: 0o001 })) return false;
    }
    return true;
  } catch {
    return false;
  }
}
