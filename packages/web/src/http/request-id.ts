import { randomBytes } from 'node:crypto';
import type { RequestHead } from './answer-sink.js';

/** A caller's id is kept only when short and plain, so it cannot smuggle anything into logs. */
const USABLE_ID = /^[\w.:-]{1,128}$/;
/** Ids of this process start with a random prefix, so two nodes' ids never collide. */
const PREFIX = randomBytes(4).toString('hex');
let counter = 0;

/** The request's `x-request-id` when usable, else a new id unique to this process's run. */
export function requestIdOf(request: RequestHead): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && USABLE_ID.test(given)) return given;
  counter += 1;
  return `${PREFIX}-${counter.toString(36)}`;
}
