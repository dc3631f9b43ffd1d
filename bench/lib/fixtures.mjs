// The registry the scenarios load: 10,000 services x 10 instances, ids and addresses derived
// from their numbers so that every run registers the same bytes.
export const SERVICES = 10_000;
export const PER_SERVICE = 10;

export function serviceId(service) {
  return `bench.service.${service}`;
}

export function instance(service, n, extra = {}) {
  const ip = `10.${(service >> 8) & 255}.${service & 255}.${n}`;
  return {
    serviceId: serviceId(service),
    instanceId: `${serviceId(service)}.node-${n}`,
    regionId: 'default',
    zoneId: 'default',
    ip,
    port: 8080,
    url: `http://${ip}:8080/api`,
    status: 'up',
    protocol: 'http',
    machineName: `host-${service}-${n}`,
    healthCheckUrl: null,
    groupId: null,
    metadata: { version: '1.0.0', weight: '100' },
    ...extra,
  };
}

/** Just what a heartbeat needs to find a lease: the instance key (and the zone, for the zone check). */
export function instanceKey(service, n) {
  return { serviceId: serviceId(service), instanceId: `${serviceId(service)}.node-${n}`, regionId: 'default', zoneId: 'default' };
}

/** Every instance of the registry, service by service. */
export function allInstances(services = SERVICES, perService = PER_SERVICE) {
  const all = [];
  for (let s = 0; s < services; s++) for (let n = 0; n < perService; n++) all.push(instance(s, n));
  return all;
}

/** Heartbeat bodies of `size` instances each, covering the registry in order. */
export function heartbeatBodies(size, { full = false, count = Math.ceil((SERVICES * PER_SERVICE) / size) } = {}) {
  const bodies = [];
  let next = 0;
  for (let b = 0; b < count; b++) {
    const instances = [];
    for (let i = 0; i < size; i++, next++) {
      const service = Math.floor(next / PER_SERVICE) % SERVICES;
      const n = next % PER_SERVICE;
      instances.push(full ? instance(service, n) : instanceKey(service, n));
    }
    bodies.push(JSON.stringify({ instances }));
  }
  return bodies;
}

/** A getService body for a service. */
export function getServiceBody(service) {
  return JSON.stringify({ discoveryConfig: { serviceId: serviceId(service), regionId: 'default', zoneId: 'default' }, regionId: 'default', zoneId: 'default' });
}

/** getService bodies spread over the whole registry (a prime stride, so neighbours differ). */
export function getServiceBodies(count = SERVICES) {
  return Array.from({ length: count }, (_, i) => getServiceBody((i * 7919) % SERVICES));
}

/** lookup bodies of `per` services each. */
export function lookupBodies(per, count = 1000) {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      discoveryConfigs: Array.from({ length: per }, (_, k) => ({ serviceId: serviceId(((i * per + k) * 7919) % SERVICES), regionId: 'default', zoneId: 'default' })),
      regionId: 'default',
      zoneId: 'default',
    }),
  );
}
