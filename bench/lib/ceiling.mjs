// Captures the exact response of the server under test for some requests, and starts the
// ceiling server that replays those bytes.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { jsonLines } from './json-lines.mjs';
import { endWithBench } from './children.mjs';

const CEILING = fileURLToPath(new URL('../servers/ceiling-server.mjs', import.meta.url));
/** Headers the HTTP stack adds by itself on every response; replaying them would duplicate them. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** Sends `body` to `url + path` and returns the response as the ceiling must replay it. */
export async function captureResponse(url, path, body) {
  const response = await request(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const bytes = Buffer.from(await response.body.arrayBuffer());
  const headers = {};
  for (const [name, value] of Object.entries(response.headers)) if (!TRANSPORT_HEADERS.has(name)) headers[name] = value;
  return { status: response.statusCode, headers, body: bytes };
}

/** Starts a ceiling server answering each path of `routes` (path -> captured response). */
export async function startCeiling(ctx, routes) {
  const file = join(ctx.tmpDir, `ceiling-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const serialised = {};
  for (const [path, route] of Object.entries(routes)) serialised[path] = { status: route.status, headers: route.headers, body: route.body.toString('base64') };
  writeFileSync(file, JSON.stringify(serialised));
  const [command, args] = ctx.pinning.server(process.execPath, [CEILING, file]);
  const child = endWithBench(spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] }));
  const log = jsonLines(child.stdout);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const line = await log.waitFor((l) => l.event === 'listening', 10_000);
  return {
    kind: 'ceiling',
    url: line.url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
