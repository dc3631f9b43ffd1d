import { hostname } from 'node:os';
import { ArtemisManagement, openManagementDatabase, type ManagementDatabase, type SecurityService } from '@artemis/management';
import { ArtemisEngine, type EngineOptions, type Logger } from '@artemis/server';
import type { NodeConfig } from '../config/node-config.schema.js';
import { ArtemisHttpServer, authRoutes, managementRoutes, registerClusterMetrics } from '@artemis/web';
import { nodeObservability, type NodeObservability } from './node-observability.js';
import { startSecurity, tlsOptions } from './start-security.js';
import { flattenConfig, redactUrlPassword, type LoadedConfig } from '../config/load-config.js';
import { advertisedUrl } from './advertised-url.js';
import { checkClusterConfig, startCluster } from './start-cluster.js';
import { consoleDirectory } from './console-directory.js';

/** A running node. */
export interface RunningNode {
  readonly engine: ArtemisEngine;
  readonly http: ArtemisHttpServer;
  readonly management: ArtemisManagement;
  readonly security: SecurityService;
  /** The URL the node listens on. */
  readonly url: string;
  /** Stops the node: listener closed, in-flight requests finished (up to `graceMs`), timers stopped. */
  stop(graceMs?: number): Promise<void>;
}

/** The configured rate limits, without the keys left unset (they keep the engine's defaults). */
function rateLimitsOf(config: NodeConfig): NonNullable<EngineOptions['rateLimits']> {
  const limits: Record<string, object> = {};
  for (const [name, settings] of Object.entries(config.rateLimits)) {
    if (settings !== undefined) limits[name] = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  }
  return limits as NonNullable<EngineOptions['rateLimits']>;
}

/** Opens the management database and starts management on the engine; closes the database again on failure. */
async function startManagement(
  config: NodeConfig,
  engine: ArtemisEngine,
  logger: Logger,
  observability: NodeObservability,
): Promise<{ database: ManagementDatabase; management: ArtemisManagement }> {
  const database = await openManagementDatabase({
    ...(observability.onQuery === undefined ? {} : { onQuery: observability.onQuery }),
    dataDir: config.dataDir,
    ...(config.databaseUrl === undefined ? {} : { url: config.databaseUrl }),
    statementTimeoutMs: config.management.statementTimeoutMs,
    connectTimeoutMs: config.management.connectTimeoutMs,
    logger,
  });
  try {
    const management = await ArtemisManagement.start({
      engine,
      database,
      logger,
      checkIntervalMs: config.management.checkIntervalMs,
      checkTimeoutMs: config.management.checkTimeoutMs,
    });
    const where = config.databaseUrl === undefined ? `the embedded database in ${config.dataDir}` : redactUrlPassword(config.databaseUrl);
    logger.debug(`management data in ${where}`, { event: 'management-started', database: database.kind });
    return { database, management };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Starts a node: the engine, management on its database, its HTTP server on the configured
 * address, and the timers. The first log line states the address it listens on.
 */
export async function runServer(loaded: LoadedConfig, logger: Logger): Promise<RunningNode> {
  const { config } = loaded;
  // Cluster: a bad peer list or a missing secret stops the start before anything runs.
  const peers = checkClusterConfig(config);
  let url = '';
  const engine = new ArtemisEngine({
    regionId: config.region,
    zoneId: config.zone,
    lease: config.lease,
    selfPreservation: config.selfPreservation,
    registryAllowFromOtherZone: config.registry.allowFromOtherZone,
    discoveryAllowFromOtherZone: config.discovery.allowFromOtherZone,
    changeLogCapacity: config.discovery.changeLogCapacity,
    changeLogMaxBytes: config.discovery.changeLogMaxBytes,
    servedCacheMaxBytes: config.discovery.servedCacheMaxBytes,
    answerCacheMaxBytes: config.discovery.answerCacheMaxBytes,
    heartbeatPlanMaxBytes: config.registry.heartbeatPlanMaxBytes,
    rateLimits: rateLimitsOf(config),
    logger,
    describeNode: () => {
      const advertised = new URL(url);
      return {
        appId: 'artemis',
        ip: advertised.hostname,
        machineName: hostname(),
        path: '',
        port: Number(advertised.port || 80),
        protocol: advertised.protocol.replace(':', ''),
        regionId: config.region,
        zoneId: config.zone,
        properties: flattenConfig(config),
        sources: loaded.sources,
      };
    },
  });
  const observability = await nodeObservability(config, logger);
  const { database, management } = await startManagement(config, engine, logger, observability).catch(async (error: unknown) => {
    await observability.close();
    throw error;
  });
  observability.metrics?.observeDatabase(() => management.databaseUp());
  // The web console (docs/console.md), served at /console/ with / redirected to it.
  const consoleDir = consoleDirectory();
  let security: SecurityService;
  let http: ArtemisHttpServer;
  try {
    security = await startSecurity(config, database, logger);
    http = new ArtemisHttpServer({
      ...(consoleDir === null ? {} : { staticFiles: { directory: consoleDir } }),
      engine,
      logger,
      bodyLimitBytes: config.http.bodyLimitBytes,
      connections: { maxConnections: config.http.maxConnections, maxConnectionsPerAddress: config.http.maxConnectionsPerAddress },
      fastLane: config.http.fastLane,
      push: config.push,
      routes: [...managementRoutes(management), ...authRoutes(security)],
      managementChanges: (listener) => management.onSnapshotChange(listener),
      readinessChecks: () => ({ database: management.databaseUp() }),
      observability: observability.http,
      // ---- security (docs/security.md) ----
      security: { authenticate: (secret) => security.authenticate(secret), mode: config.auth.mode, registry: config.auth.registry },
      configStatus: () => ({ security: { auth: config.auth.mode, registryRequireToken: config.auth.registry.requireToken, registryAllowIps: config.auth.registry.allowIps.length, tls: config.tls.cert !== undefined } }),
      cors: config.cors,
      ...tlsOptions(config),
    });
  } catch (error) {
    await management.stop();
    await database.close();
    await observability.close();
    throw error;
  }
  let address;
  try {
    address = await http.listen(config.port, config.host);
  } catch (error) {
    await security.stop();
    await management.stop();
    await database.close();
    await observability.close();
    throw error;
  }
  url = advertisedUrl(config.advertisedUrl, config.host, address.port, config.tls.cert === undefined ? 'http' : 'https');
  engine.cluster.setLocalUrl(url);
  engine.start();
  const cluster = startCluster(config, peers, engine, http, logger);
  if (cluster !== null && observability.metrics !== undefined) registerClusterMetrics(observability.metrics.registry, cluster);
  const listening = `${config.tls.cert === undefined ? 'http' : 'https'}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  // Registry writes are open unless registry auth is on: said where every operator looks (docs/security.md).
  const registryAuth = config.auth.registry.requireToken || config.auth.registry.allowIps.length > 0 ? 'on' : 'open to anyone';
  logger.info(`artemis listening on ${listening}`, { event: 'listening', url: listening, advertisedUrl: url, region: config.region, zone: config.zone, auth: config.auth.mode, registryWrites: registryAuth });
  if (consoleDir === null) logger.warn('the console is not built; /console/ is not served', { event: 'console-missing' });
  return {
    engine,
    http,
    management,
    security,
    url: listening,
    async stop(graceMs = 4_000) {
      cluster?.stop();
      await http.close(graceMs);
      await security.stop();
      await management.stop();
      await database.close();
      engine.stop();
      await observability.close();
    },
  };
}
