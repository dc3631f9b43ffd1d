// Management data for the management scenarios, written through the node's own HTTP API (so
// the node under test builds its snapshot the way it does in production), and the writes and
// reads the scenarios time.
import { BENCH_BOOTSTRAP_TOKEN, postJson } from './http.mjs';
import { serviceId } from './fixtures.mjs';

const CONTEXT = { operatorId: 'bench', operation: 'bench', token: null, reason: 'bench', extensions: null };
const G = '/api/management/group';
// Management calls need an operator's bearer token since security landed; every bench node has
// the bench's bootstrap token (an admin) on its fresh database.
const AUTH = { authorization: `Bearer ${BENCH_BOOTSTRAP_TOKEN}` };

async function write(url, path, body) {
  const response = await postJson(url, path, { ...CONTEXT, ...body }, AUTH);
  const code = response.json?.responseStatus?.errorCode;
  if (code !== 'success') throw new Error(`${path} answered ${response.status} ${JSON.stringify(response.json?.responseStatus ?? response.bytes.toString('utf8').slice(0, 200))}`);
  return response;
}

/**
 * One active route rule on each of the first `count` services, with one active group each,
 * released at weight 100: `count` groups and `count` rules in the snapshot.
 */
export async function seedRouteRules(url, count) {
  for (let s = 0; s < count; s++) {
    const service = serviceId(s);
    await write(url, `${G}/create-route-rule.json`, {
      routeRule: { serviceId: service, name: 'split', status: 'active', strategy: 'weighted-round-robin' },
      groups: [{ serviceId: service, regionId: 'default', zoneId: 'default', name: 'blue', appId: 'bench', status: 'active', weight: 100 }],
    });
  }
  const members = (await postJson(url, `${G}/get-all-route-rule-groups.json`, {}, AUTH)).json.routeRuleGroups;
  for (let i = 0; i < members.length; i += 1000) {
    await write(url, `${G}/release-route-rule-groups.json`, { routeRuleGroups: members.slice(i, i + 1000).map((m) => ({ routeRuleId: m.routeRuleId, groupId: m.groupId })) });
  }
  return members.length;
}

/** `groups` groups of one service, each listing `perGroup` instanceIds: groups x perGroup group instances. */
export async function seedGroupInstances(url, groups, perGroup) {
  const service = 'bench.managed';
  await write(url, `${G}/insert-groups.json`, {
    groups: Array.from({ length: groups }, (_, g) => ({ serviceId: service, regionId: 'default', zoneId: 'default', name: `g-${g}`, appId: 'bench', status: 'active' })),
  });
  const ids = (await postJson(url, `${G}/get-all-groups.json`, {}, AUTH)).json.groups.filter((g) => g.serviceId === service).map((g) => g.groupId);
  for (const groupId of ids) {
    for (let i = 0; i < perGroup; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, perGroup - i) }, (_, n) => ({ groupId, instanceId: `member-${groupId}-${i + n}` }));
      await write(url, `${G}/insert-group-instances.json`, { groupInstances: rows });
    }
  }
  return ids.length * perGroup;
}

/** Pulls an instance out (`complete` false) or back in (true); resolves with the answer's time in ms. */
export async function operateInstance(url, instanceKey, complete) {
  const response = await write(url, '/api/management/operate-instance.json', { instanceKey, operation: 'pullout', operationComplete: complete });
  return response.ms;
}

/** The instanceIds a node serves for a service. */
export async function servedIds(url, service) {
  const response = await postJson(url, '/api/discovery/service.json', { discoveryConfig: { serviceId: service, regionId: 'default', zoneId: 'default' }, regionId: 'default', zoneId: 'default' });
  return (response.json?.service?.instances ?? []).map((i) => i.instanceId);
}
