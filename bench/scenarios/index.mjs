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

export const scenarios = [registerHundredThousand, heartbeatHttp, heartbeatPush, getService, lookup, getServices, pushLatency, leaseCleaning, eventLoop, etcd];

// Management scenarios (groups, route rules, writes, propagation between nodes on one Postgres).
scenarios.push(managementDiscovery, managementWrites, managementPropagation);
