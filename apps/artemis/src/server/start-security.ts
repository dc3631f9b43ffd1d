import { readFileSync } from 'node:fs';
import { ArtemisError, ErrorCode } from '@artemis/core';
import { SecurityService, type ManagementDatabase } from '@artemis/management';
import type { Logger } from '@artemis/server';
import type { NodeConfig } from '../config/node-config.schema.js';

/**
 * Starts users and tokens on the management database and, on an empty one, the bootstrap
 * token (docs/security.md): printed once here, or taken from `ARTEMIS_BOOTSTRAP_TOKEN`.
 */
export async function startSecurity(config: NodeConfig, database: ManagementDatabase, logger: Logger): Promise<SecurityService> {
  const security = await SecurityService.start({ database, logger, sessionTtlMs: config.auth.sessionTtlMs });
  try {
    const result = await security.bootstrap(config.bootstrapToken);
    if (result.outcome === 'created') {
      // Printed once, at the first start of an empty database; only its hash is kept.
      logger.warn(`bootstrap admin token (shown once, keep it): ${result.secret!}`, { event: 'bootstrap-token', token: result.secret!, hint: 'make users and tokens with it: docs/security.md' });
    } else if (result.outcome === 'environment') {
      logger.info('bootstrap admin token taken from ARTEMIS_BOOTSTRAP_TOKEN', { event: 'bootstrap-token' });
    }
  } catch (error) {
    await security.stop();
    throw error;
  }
  if (config.auth.mode === 'disabled') {
    logger.warn('AUTHENTICATION IS DISABLED (--auth disabled): anyone who can reach this node is an admin. For local development only.', { event: 'auth-disabled' });
  }
  return security;
}

/** The TLS key pair of the config, read from its PEM files, or nothing for plain HTTP. */
export function tlsOptions(config: NodeConfig): { tls?: { cert: Buffer; key: Buffer; hstsMaxAgeSeconds: number } } {
  const { cert, key } = config.tls;
  if (cert === undefined || key === undefined) return {};
  const read = (path: string, what: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new ArtemisError(ErrorCode.badRequest, `cannot read the TLS ${what} ${path}: ${(error as Error).message}`);
    }
  };
  return { tls: { cert: read(cert, 'certificate'), key: read(key, 'key'), hstsMaxAgeSeconds: config.tls.hstsMaxAgeSeconds } };
}
