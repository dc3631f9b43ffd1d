// Every scenario, in the order a full run takes them. Each module exports
// `{ name, number, title, inQuick, run(ctx) }`; run returns figures, curves and notes, or
// `{ skipped }`. Management scenarios (groups, route rules, Postgres) slot in here when that
// work lands.
import registerHundredThousand from './register-100k.mjs';
import getService from './get-service.mjs';
import heartbeatHttp from './heartbeat-http.mjs';
import heartbeatPush from './heartbeat-push.mjs';
import pushLatency from './push-latency.mjs';
import lookup from './lookup.mjs';
import getServices from './get-services.mjs';
import leaseCleaning from './lease-cleaning.mjs';
import eventLoop from './event-loop-under-load.mjs';
import etcd from './etcd-peer.mjs';
import managementDiscovery from './management-discovery.mjs';
import managementWrites from './management-writes.mjs';
import managementPropagation from './management-propagation.mjs';
import metricsCost from './metrics-cost.mjs';
import replication from './replication.mjs';
import clientSdk from './client-sdk.mjs';

export const scenarios = [
  registerHundredThousand,
  heartbeatHttp,
  heartbeatPush,
  getService,
  lookup,
  getServices,
  pushLatency,
  leaseCleaning,
  eventLoop,
  etcd,
  managementDiscovery,
  managementWrites,
  managementPropagation,
  metricsCost,
  replication,
  clientSdk,
];
// Numbers follow this list's order, so scenarios added on different branches never collide.
for (const [index, scenario] of scenarios.entries()) scenario.number = index + 1;
