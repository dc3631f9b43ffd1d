import { describe, it } from '@jest/globals';
import { RegistryOperation, type Group } from '@artemis/core';
import { instance } from '../fixtures.js';
import { cachedAnswers, type Answers } from '../cached-answers.js';
import { startManagedHttpNode, useDatabase, type ManagedHttpNode } from './management-fixtures.js';

const here = { regionId: 'default', zoneId: 'zone-a' };
const lookupRequest = { discoveryConfigs: [{ serviceId: 'orders', ...here }, { serviceId: 'billing', ...here }], ...here };
const serviceRequest = { discoveryConfig: { serviceId: 'orders', ...here }, ...here };
const byOps = { extensions: null, operation: 'create', operatorId: 'ops', reason: 'test', token: 't-1' } as const;
const weighted = { description: null, name: 'split', routeRuleId: null, serviceId: 'orders', status: 'active', strategy: 'weighted-round-robin' };

const { warmed, expectChanged: expectBoth } = cachedAnswers(lookupRequest, serviceRequest);

/** Asserts that both answers now are the fresh ones, and differ from `before`. */
function expectChanged(node: ManagedHttpNode, before: Answers): Promise<void> {
  return expectBoth(node, before, ['lookup', 'service']);
}

// Only Postgres: the served answers follow the snapshot, which every database kind keeps alike.
describe('answer cache under management changes', () => {
  const test = useDatabase('postgres');

  it('answers after a pull-out, a route rule, a group change, a zone operation and a canary change what a fresh read answers', async () => {
    await using node = await startManagedHttpNode(test());
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'o-1'), instance('orders', 'o-2'), instance('billing', 'b-1')] });
    const management = node.management;

    let before = await warmed(node);
    await management.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    await expectChanged(node, before);

    before = await warmed(node);
    const group = (name: string, weight: number) => ({ appId: 'app', description: null, groupId: null, groupKey: null, metadata: null, name, regionId: 'default', serviceId: 'orders', status: 'active', weight, zoneId: 'zone-a' });
    await management.routeRules.createRouteRule({ ...byOps, groups: [group('blue', 100), group('green', 200)], routeRule: weighted });
    await expectChanged(node, before);

    before = await warmed(node);
    const blue = (management.groups.allGroups().groups ?? []).find((g) => g.name === 'blue') as Group;
    await management.groups.upsertGroups({ ...byOps, groups: [{ ...blue, status: 'inactive' }] });
    await expectChanged(node, before);

    before = await warmed(node);
    await management.zones.operateZoneOperations({ ...byOps, operationComplete: false, zoneOperationsList: [{ operations: ['pullout'], zoneKey: { regionId: 'default', serviceId: 'orders', zoneId: 'zone-a' } }] });
    await expectChanged(node, before);

    before = await warmed(node);
    await management.canary.updateCanaryIps({ ...byOps, appId: 'orders-app', canaryIps: ['10.0.0.1'], serviceId: 'orders' });
    await expectChanged(node, before);
  }, 30_000);
});
