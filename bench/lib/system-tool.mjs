// Programs the bench drives but does not ship (etcd, wrk): found on the PATH, or installed from
// Debian's packages when the bench runs as root with apt-get; otherwise the scenario skips with a
// line saying how to install them. Each tool is looked up (and installed) once per run.
import { execFileSync } from 'node:child_process';
import { progress } from './progress.mjs';

const found = new Map();

function onPath(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function aptGet(args) {
  execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 300_000 });
}

function install(command, debianPackage) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || onPath('apt-get') === null) {
    return { path: null, why: `no ${command} on the PATH, and the bench can install it only as root with apt-get: run \`sudo apt-get install ${debianPackage}\`` };
  }
  progress(`  ${command} is missing: installing Debian's ${debianPackage} (apt-get install -y ${debianPackage})`);
  try {
    try {
      aptGet(['install', '-y', '--no-install-recommends', debianPackage]);
    } catch {
      // A fresh machine may have no package lists yet.
      aptGet(['update']);
      aptGet(['install', '-y', '--no-install-recommends', debianPackage]);
    }
  } catch (error) {
    return { path: null, why: `installing ${debianPackage} failed (${String(error.stderr ?? error.message).trim().split('\n').pop()}); install it by hand: \`apt-get install ${debianPackage}\`` };
  }
  const path = onPath(command);
  if (path !== null) progress(`  installed ${debianPackage}: ${path}`);
  return path !== null ? { path, why: null } : { path: null, why: `${debianPackage} was installed but ${command} is still not on the PATH` };
}

/**
 * The path of `command`, installing `debianPackage` when it is missing and that is possible.
 * @returns `{ path, why }`: `path` null when the tool is not available, `why` the line to print.
 */
export function systemTool(command, debianPackage) {
  if (!found.has(command)) {
    const path = onPath(command);
    found.set(command, path !== null ? { path, why: null } : install(command, debianPackage));
  }
  return found.get(command);
}
