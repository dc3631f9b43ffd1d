import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ServerUser } from './server-user.js';

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path)) ?? null;

/** Waits for either pid to vanish, then asks the child to shut down fast (SIGINT). */
const WATCHDOG = 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -0 "$2" 2>/dev/null && kill -INT "$2"';

/**
 * Starts a program as `user`, tied to this process's life: when this process dies, even by
 * kill -9, the program receives SIGINT (Postgres's fast shutdown). On Linux, util-linux's
 * `setpriv` drops privileges and sets the parent-death signal before it execs the program, so
 * the child's pid is the program's; elsewhere a small shell watchdog does the same job within
 * a second.
 */
export function spawnTied(file: string, args: readonly string[], user: ServerUser, stdio: StdioOptions): ChildProcess {
  if (SETPRIV !== null) {
    const identity = user.current ? [] : [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups'];
    // Its own process group: a Ctrl-C at the terminal reaches the node, which stops the server in order.
    return spawn(SETPRIV, [...identity, '--pdeathsig', 'SIGINT', '--', file, ...args], { stdio, detached: true });
  }
  const child = spawn(file, [...args], { stdio, detached: true, ...(user.current ? {} : { uid: user.uid, gid: user.gid }) });
  if (child.pid !== undefined) {
    spawn('/bin/sh', ['-c', WATCHDOG, 'artemis-watchdog', String(process.pid), String(child.pid)], { detached: true, stdio: 'ignore' }).unref();
  }
  return child;
}
