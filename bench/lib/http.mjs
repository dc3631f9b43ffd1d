// One-off requests from the bench itself (setup, checks, sequential measurements), as opposed
// to the load, which the generator process sends.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'undici';

/** The admin bootstrap token every bench node gets on its fresh database (ARTEMIS_BOOTSTRAP_TOKEN). */
export const BENCH_BOOTSTRAP_TOKEN = `art_bench-${randomBytes(24).toString('base64url')}`;

const agent = new Agent({ connections: 8, keepAliveTimeout: 60_000 });

/** POSTs JSON; resolves with the status, the raw bytes, the parsed JSON (when it is) and the time taken. */
export async function postJson(url, path, body, headers = {}) {
  const started = performance.now();
  const response = await request(url + path, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.body.arrayBuffer());
  const ms = performance.now() - started;
  let json = null;
  if (response.headers['content-encoding'] === undefined) {
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      json = null;
    }
  }
  return { status: response.statusCode, headers: response.headers, bytes, json, ms };
}

/** Registers instances in batches, a few requests in flight; throws on the first failure. */
export async function registerAll(url, instances, { batch = 1000, inFlight = 4 } = {}) {
  const started = performance.now();
  const pending = [];
  const check = (reply) => {
    if (reply.status !== 200 || reply.json?.responseStatus?.status !== 'success') {
      throw new Error(`register failed: HTTP ${reply.status} ${reply.bytes.toString('utf8').slice(0, 300)}`);
    }
  };
  for (let i = 0; i < instances.length; i += batch) {
    pending.push(postJson(url, '/api/registry/register.json', { instances: instances.slice(i, i + batch) }).then(check));
    if (pending.length >= inFlight) await pending.shift();
  }
  await Promise.all(pending);
  return performance.now() - started;
}

/** The number of live leases a node reports (leases.json needs a viewer token: the node's bootstrap token). */
export async function leaseCount(url, token = BENCH_BOOTSTRAP_TOKEN) {
  const reply = await postJson(url, '/api/status/leases.json', { serviceIds: ['none'] }, { authorization: `Bearer ${token}` });
  return reply.json.leaseCount;
}
