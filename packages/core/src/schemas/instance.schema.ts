import { z } from 'zod';
import type { Instance } from '../model/instance.js';
import { metadata, optionalId, optionalText, port } from './schema-primitives.js';

/**
 * Reads an {@link Instance} from JSON: unknown keys ignored, absent fields null, keys emitted in
 * wire order. Blank ids are not refused here: such an instance fails alone inside its batch.
 */
export const instanceSchema: z.ZodType<Instance> = z.object({
  groupId: optionalId,
  healthCheckUrl: optionalText,
  instanceId: optionalId,
  ip: optionalId,
  machineName: optionalText,
  metadata,
  port,
  protocol: optionalId,
  regionId: optionalId,
  serviceId: optionalId,
  status: optionalId,
  url: optionalText,
  zoneId: optionalId,
});
