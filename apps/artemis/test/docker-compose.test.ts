import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { BIN } from './artemis-process.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET = 'compose-test-secret-0123456789';

interface ComposeService {
  readonly command?: string[];
  readonly environment?: Record<string, string>;
  readonly ports?: string[];
  readonly healthcheck?: { readonly test: string[] };
}

function composeFile(): Record<string, ComposeService> {
  const text = readFileSync(`${ROOT}docker-compose.yml`, 'utf8');
  return (parse(text, { merge: true }) as { services: Record<string, ComposeService> }).services;
}

describe('docker-compose.yml', () => {
  it('runs Postgres and artemis-1..3 as one cluster whose command lines pass the real configuration schema', () => {
    const services = composeFile();
    expect(Object.keys(services).sort()).toEqual(['artemis-1', 'artemis-2', 'artemis-3', 'postgres']);
    const ports: string[] = [];
    for (const name of ['artemis-1', 'artemis-2', 'artemis-3']) {
      const service = services[name] as ComposeService;
      ports.push(...(service.ports ?? []));
      expect(service.healthcheck?.test.join(' ')).toContain('/health/ready');
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, value.startsWith('${') ? SECRET : value]));
      const run = spawnSync(process.execPath, [BIN, ...(service.command ?? []), '--check-config'], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const others = ['artemis-1', 'artemis-2', 'artemis-3'].filter((other) => other !== name).map((other) => `http://${other}:8080`);
      expect(run.stdout.trim()).toBe(`configuration is valid; cluster peers: ${others.join(', ')}`);
    }
    expect(ports.sort()).toEqual(['8081:8080', '8082:8080', '8083:8080']);
  });

  const compose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
  (compose.status === 0 ? it : it.skip)('passes docker-compose config (with the secret set), and fails without it', () => {
    const ok = spawnSync('docker-compose', ['config', '-q'], { cwd: ROOT, env: { ...process.env, ARTEMIS_CLUSTER_SECRET: SECRET }, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const env = { ...process.env };
    delete env['ARTEMIS_CLUSTER_SECRET'];
    const missing = spawnSync('docker-compose', ['config', '-q'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('ARTEMIS_CLUSTER_SECRET');
  });
});
