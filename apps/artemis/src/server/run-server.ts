import { hostname } from 'node:os';
import { ArtemisManagement, openManagementDatabase, type ManagementDatabase } from '@artemis/management';
import { ArtemisEngine, type EngineOptions, type Logger } from '@artemis/server';
import type { NodeConfig } from '../config/node-config.schema.js';
import { ArtemisHttpServer, managementRoutes } from '@artemis/web';
import { flattenConfig, redactUrlPassword, type LoadedConfig } from '../config/load-config.js';
import { advertisedUrl } from './advertised-url.js';

/** A running node. */
export interface RunningNode {
  readonly engine: ArtemisEngine;
  readonly http: ArtemisHttpServer;
  readonly management: ArtemisManagement;
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
async function startManagement(config: NodeConfig, engine: ArtemisEngine, logger: Logger): Promise<{ database: ManagementDatabase; management: ArtemisManagement }> {
  const database = await openManagementDatabase({
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
  let url = '';
  const engine = new ArtemisEngine({
    regionId: config.region,
    zoneId: config.zone,
    lease: config.lease,
    selfPreservation: config.selfPreservation,
    registryAllowFromOtherZone: config.registry.allowFromOtherZone,
    discoveryAllowFromOtherZone: config.discovery.allowFromOtherZone,
    changeLogCapacity: config.discovery.changeLogCapacity,
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
  const { database, management } = await startManagement(config, engine, logger);
  const http = new ArtemisHttpServer({
    engine,
    logger,
    bodyLimitBytes: config.http.bodyLimitBytes,
    push: config.push,
    routes: managementRoutes(management),
    readinessChecks: () => ({ database: management.databaseUp() }),
  });
  let address;
  try {
    address = await http.listen(config.port, config.host);
  } catch (error) {
    await management.stop();
    await database.close();
    throw error;
  }
  url = advertisedUrl(config.advertisedUrl, config.host, address.port);
  engine.cluster.setLocalUrl(url);
  engine.start();
  const listening = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info(`artemis listening on ${listening}`, { event: 'listening', url: listening, advertisedUrl: url, region: config.region, zone: config.zone });
  return {
    engine,
    http,
    management,
    url: listening,
    async stop(graceMs = 4_000) {
      await http.close(graceMs);
      await management.stop();
      await database.close();
      engine.stop();
    },
  };
}
