import { expect } from '@jest/globals';
import { Paths, type GetServiceRequest, type LookupRequest } from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import { post } from './http-client.js';

/** A `lookup.json` and a `service.json` answer, as text. */
export interface Answers {
  readonly lookup: string;
  readonly service: string;
}

interface AnsweringNode {
  readonly url: string;
  readonly engine: ArtemisEngine;
}

/**
 * Two fixed discovery bodies, asked of a node three ways: over HTTP (through the answer
 * cache), computed fresh by the engine's typed operations (which never use it), and warmed
 * (asked twice, so that both are cached).
 */
export function cachedAnswers(lookupRequest: object, serviceRequest: object) {
  const answers = async (node: AnsweringNode): Promise<Answers> => {
    const lookup = await post(node.url, Paths.discovery.lookup, lookupRequest);
    const service = await post(node.url, Paths.discovery.service, serviceRequest);
    return { lookup: lookup.text, service: service.text };
  };
  const fresh = (node: AnsweringNode): Answers => ({
    lookup: JSON.stringify(node.engine.discovery.lookup(lookupRequest as LookupRequest)),
    service: JSON.stringify(node.engine.discovery.getService(serviceRequest as GetServiceRequest)),
  });
  const warmed = async (node: AnsweringNode): Promise<Answers> => {
    const first = await answers(node);
    expect(await answers(node)).toEqual(first);
    expect(node.engine.discovery.cachedAnswers.entries).toBe(2);
    return first;
  };
  /** Asserts that the answers now are the fresh ones, and that those named differ from `before`. */
  const expectChanged = async (node: AnsweringNode, before: Answers, which: readonly (keyof Answers)[]): Promise<void> => {
    const now = await answers(node);
    expect(now).toEqual(fresh(node));
    for (const kind of which) expect(now[kind]).not.toBe(before[kind]);
  };
  return { answers, fresh, warmed, expectChanged };
}
