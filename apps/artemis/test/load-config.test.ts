import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { flattenConfig, loadConfig } from '../src/index.js';

function configFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'artemis-config-')), 'artemis.json');
  writeFileSync(path, content);
  return path;
}

describe('configuration', () => {
  it('applies defaults', () => {
    const { config, sources } = loadConfig({ env: {}, flags: {} });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 8080, region: 'default', zone: 'default', lease: { ttlMs: 20_000, cleanIntervalMs: 100 } });
    expect(sources).toEqual({ defaults: 0 });
  });

  it('layers file < environment < flags', () => {
    const file = configFile(JSON.stringify({ port: 1000, region: 'file-region', lease: { ttlMs: 30_000 } }));
    const { config, sources } = loadConfig({
      file,
      env: { ARTEMIS_PORT: '2000', ARTEMIS_LEASE__TTL_MS: '40000', ARTEMIS_SELF_PRESERVATION__ENABLED: 'false', PATH: '/bin' },
      flags: { port: 3000, zone: undefined },
    });
    expect(config.port).toBe(3000);
    expect(config.region).toBe('file-region');
    expect(config.lease.ttlMs).toBe(40_000);
    expect(config.selfPreservation.enabled).toBe(false);
    expect(sources).toEqual({ defaults: 0, [`file ${file}`]: 1, environment: 2, flags: 3 });
  });

  it('refuses unknown keys, naming the variable they came from', () => {
    expect(() => loadConfig({ env: { ARTEMIS_LEASE__TLL_MS: '1' }, flags: {} })).toThrow(
      'invalid configuration: lease: Unrecognized key: "tllMs" (from environment variable ARTEMIS_LEASE__TLL_MS)',
    );
    expect(() => loadConfig({ file: configFile('{"prot": 1}'), env: {}, flags: {} })).toThrow('invalid configuration: config: Unrecognized key: "prot"');
  });

  it('refuses bad values with the key and the bound', () => {
    expect(() => loadConfig({ env: {}, flags: { port: 70_000 } })).toThrow(/port: Too big/);
    expect(() => loadConfig({ env: { ARTEMIS_LEASE__CLEAN_INTERVAL_MS: '5000' }, flags: {} })).toThrow(
      'lease.cleanIntervalMs: must be at most 1000 ms: leases are cleaned at least every second',
    );
    expect(() => loadConfig({ env: { ARTEMIS_DISCOVERY__ANSWER_CACHE_MAX_BYTES: '-1' }, flags: {} })).toThrow(/discovery.answerCacheMaxBytes: Too small/);
    expect(() => loadConfig({ env: { ARTEMIS_DISCOVERY__ANSWER_CACHE_MAX_BYTES: 'lots' }, flags: {} })).toThrow(/discovery.answerCacheMaxBytes/);
    expect(loadConfig({ env: { ARTEMIS_DISCOVERY__ANSWER_CACHE_MAX_BYTES: '0' }, flags: {} }).config.discovery.answerCacheMaxBytes).toBe(0);
    expect(() => loadConfig({ env: { ARTEMIS_REGISTRY__HEARTBEAT_PLAN_MAX_BYTES: '-1' }, flags: {} })).toThrow(/registry.heartbeatPlanMaxBytes: Too small/);
    expect(() => loadConfig({ env: { ARTEMIS_REGISTRY__HEARTBEAT_PLAN_MAX_BYTES: 'lots' }, flags: {} })).toThrow(/registry.heartbeatPlanMaxBytes/);
    expect(loadConfig({ env: {}, flags: {} }).config.registry.heartbeatPlanMaxBytes).toBe(32 * 1024 * 1024);
    expect(() => loadConfig({ env: { ARTEMIS_HTTP__FAST_LANE: 'maybe' }, flags: {} })).toThrow(/http.fastLane/);
    expect(loadConfig({ env: { ARTEMIS_HTTP__FAST_LANE: 'false' }, flags: {} }).config.http.fastLane).toBe(false);
    expect(loadConfig({ env: {}, flags: {} }).config.http.fastLane).toBe(true);
  });

  it('bounds connections and sets HSTS by default, and refuses a per-address bound above the total', () => {
    const { config } = loadConfig({ env: {}, flags: {} });
    expect(config.http).toMatchObject({ maxConnections: 20_000, maxConnectionsPerAddress: 5_000 });
    // Above the push sessions one address may hold, so the defaults never refuse those first.
    expect(config.http.maxConnectionsPerAddress).toBeGreaterThan(config.push.maxSessionsPerAddress);
    expect(config.tls.hstsMaxAgeSeconds).toBe(31_536_000);
    expect(loadConfig({ env: { ARTEMIS_HTTP__MAX_CONNECTIONS_PER_ADDRESS: '50' }, flags: {} }).config.http.maxConnectionsPerAddress).toBe(50);
    expect(() => loadConfig({ env: { ARTEMIS_HTTP__MAX_CONNECTIONS: '10', ARTEMIS_HTTP__MAX_CONNECTIONS_PER_ADDRESS: '20' }, flags: {} })).toThrow(/http.maxConnectionsPerAddress must be at most http.maxConnections/);
  });

  it('refuses a config file that is missing or not JSON', () => {
    expect(() => loadConfig({ file: '/nonexistent/artemis.json', env: {}, flags: {} })).toThrow(/cannot read config file/);
    expect(() => loadConfig({ file: configFile('port: 1'), env: {}, flags: {} })).toThrow(/is not valid JSON/);
  });

  it('flattens the effective configuration with secrets redacted', () => {
    expect(flattenConfig({ lease: { ttlMs: 1 }, database: { password: 'x' } })).toEqual({ 'lease.ttlMs': '1', 'database.password': '******' });
  });
  it('takes the deprecated management.reloadIntervalMs as checkIntervalMs when that is absent', () => {
    expect(loadConfig({ file: configFile(JSON.stringify({ management: { reloadIntervalMs: 3_000 } })), env: {}, flags: {} }).config.management.checkIntervalMs).toBe(3_000);
    expect(loadConfig({ file: configFile(JSON.stringify({ management: { reloadIntervalMs: 3_000, checkIntervalMs: 500 } })), env: {}, flags: {} }).config.management.checkIntervalMs).toBe(500);
  });
  it('reads the management database from ARTEMIS_DATABASE_URL or --database-url, and never shows its password', () => {
    const { config } = loadConfig({ env: { ARTEMIS_DATABASE_URL: 'postgres://artemis:s3cret@db:5432/artemis' }, flags: { dataDir: '/var/lib/artemis' } });
    expect(config).toMatchObject({ databaseUrl: 'postgres://artemis:s3cret@db:5432/artemis', dataDir: '/var/lib/artemis', management: { checkIntervalMs: 1_000, checkTimeoutMs: 1_000 } });
    expect(flattenConfig(config)['databaseUrl']).toBe('postgres://artemis:******@db:5432/artemis');
    expect(flattenConfig({ databaseUrl: 'postgres://db:5432/artemis?password=s3cret&sslmode=require&sslpassword=k3y' })['databaseUrl']).toBe(
      'postgres://db:5432/artemis?password=******&sslmode=require&sslpassword=******',
    );
    expect(loadConfig({ env: {}, flags: {} }).config.dataDir).toBe('./data');
    expect(() => loadConfig({ env: {}, flags: { databaseUrl: 'mysql://x' } })).toThrow('databaseUrl: must be a postgres:// or postgresql:// URL');
  });

  it('leaves out the CLI\'s variables and those naming no setting, and reports them', () => {
    const loaded = loadConfig({ env: { ARTEMIS_SERVER: 'http://x:8080', ARTEMIS_TOKEN: 't', ARTEMIS_PROFILE: 'p', ARTEMIS_NOT_A_SETTING: '1', ARTEMIS_PORT: '9000' }, flags: {} });
    expect(loaded.config.port).toBe(9000);
    expect([...(loaded.ignoredEnv ?? [])].sort()).toEqual(['ARTEMIS_NOT_A_SETTING', 'ARTEMIS_PROFILE', 'ARTEMIS_SERVER', 'ARTEMIS_TOKEN']);
    expect(loaded.sources).toEqual({ defaults: 0, environment: 1 });
  });

  it('still refuses an unknown key under a known section', () => {
    expect(() => loadConfig({ env: { ARTEMIS_SERVER: 'http://x', ARTEMIS_LEASE__TTL: '1' }, flags: {} })).toThrow('lease: Unrecognized key: "ttl" (from environment variable ARTEMIS_LEASE__TTL)');
  });
});
