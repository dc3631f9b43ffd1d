/**
 * A response body that is already JSON. Bodies of unchanged services are the same object from
 * one request to the next, so a transport may attach encodings to it (in a WeakMap) and reuse
 * them: an unchanged service is neither serialised nor compressed twice.
 */
export class JsonBody {
  constructor(readonly json: string) {}
}
