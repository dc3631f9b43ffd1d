import { Paths } from '@artemis/core';

/** POSTs JSON to a node, optionally with a bearer token; resolves with the status and body. */
export async function post(url: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed };
}

/** An instance of `serviceId` in the default region and the given zone. */
export function instanceOf(serviceId: string, instanceId: string, zoneId = 'default', ip = '10.0.0.1') {
  return { serviceId, instanceId, url: `http://${ip}:8080/${instanceId}`, ip, port: 8080, regionId: 'default', zoneId, status: 'up' };
}

/** Registers instances over HTTP, as a service would. */
export async function register(url: string, instances: readonly object[]): Promise<void> {
  const answer = await post(url, Paths.registry.register, { instances });
  if ((answer.body['responseStatus'] as { status?: string } | undefined)?.status !== 'success') throw new Error(`register failed: ${JSON.stringify(answer.body)}`);
}

/** The instance ids discovery serves for a service, over HTTP. */
export async function discovered(url: string, serviceId: string): Promise<string[]> {
  const answer = await post(url, Paths.discovery.service, { discoveryConfig: { serviceId, regionId: 'default', zoneId: 'default' }, regionId: 'default', zoneId: 'default' });
  const service = answer.body['service'] as { instances: { instanceId: string }[] | null } | null;
  return (service?.instances ?? []).map((instance) => instance.instanceId).sort();
}

/** Polls `check` every 50 ms until it holds or `timeoutMs` passes. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
