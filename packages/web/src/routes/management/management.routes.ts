import type { ArtemisManagement } from '@artemis/management';
import type { JsonRoute } from '../../http/json-route.js';
import { managementCoreRoutes } from './management-core.routes.js';
import { managementGroupRoutes } from './management-group.routes.js';
import { managementLogRoutes } from './management-log.routes.js';
import { managementZoneRoutes } from './management-zone.routes.js';

/**
 * Every management endpoint (docs/java-reference.md §3.6-§3.10), for {@link ArtemisHttpServerOptions.routes}.
 *
 * @example
 * ```ts
 * import { ArtemisHttpServer, managementRoutes } from '@artemis/web';
 * const http = new ArtemisHttpServer({ engine, routes: managementRoutes(management), readinessChecks: () => ({ database: management.databaseUp() }) });
 * ```
 */
export function managementRoutes(management: ArtemisManagement): JsonRoute[] {
  return [...managementCoreRoutes(management), ...managementGroupRoutes(management), ...managementZoneRoutes(management), ...managementLogRoutes(management)];
}
