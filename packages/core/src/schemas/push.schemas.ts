import { z } from 'zod';
import { Limits } from '../limits.js';
import type { SubscribeRequest, UnsubscribeRequest } from '../push/push-messages.js';
import { discoveryConfigSchema } from './request.schemas.js';
import { idString, optionalBoolean, optionalList } from './schema-primitives.js';

const serviceIds = optionalList(idString.min(1, 'must not be empty'), Limits.maxLookupSize);

/** A socket.io subscribe request. */
export const subscribeRequestSchema: z.ZodType<SubscribeRequest> = z.object({
  serviceIds,
  discoveryConfigs: optionalList(discoveryConfigSchema, Limits.maxLookupSize),
  all: optionalBoolean,
  sinceVersion: z
    .number()
    .int('must be an integer')
    .nullish()
    .transform((value) => value ?? null),
});

/** A socket.io unsubscribe request. */
export const unsubscribeRequestSchema: z.ZodType<UnsubscribeRequest> = z.object({
  serviceIds,
  all: optionalBoolean,
});
