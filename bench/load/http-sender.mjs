// One HTTP request at a time through an undici Pool, with the least work on the generator's
// side: the low-level dispatch API (no promise, no body stream), the body counted, not kept.
import { Pool } from 'undici';

export function createSender(origin, connections) {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
  return {
    /** Sends a POST; calls `done(status, bytes)` or `done(0, 0, error)`. */
    post(path, body, done) {
      let status = 0;
      let bytes = 0;
      pool.dispatch(
        { path, method: 'POST', headers: { 'content-type': 'application/json' }, body },
        {
          onRequestStart() {},
          onResponseStart(_controller, statusCode) {
            status = statusCode;
          },
          onResponseData(_controller, chunk) {
            bytes += chunk.length;
          },
          onResponseEnd() {
            done(status, bytes);
          },
          onResponseError(_controller, error) {
            done(0, 0, error);
          },
        },
      );
    },
    close: () => pool.destroy(),
  };
}
