import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';

/** A response as the test sees it. */
export interface TestResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly raw: Buffer;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

/** Options of one raw HTTP request. */
export interface TestRequest {
  readonly method?: string;
  readonly path: string;
  readonly body?: unknown;
  readonly rawBody?: Buffer | string;
  readonly gzip?: boolean;
  readonly headers?: Record<string, string>;
  /** Send without the bearer token registered for the base URL. */
  readonly anonymous?: boolean;
}

/** Bearer tokens by base URL: requests to a node carry its token unless told otherwise. */
const bearers = new Map<string, string>();

/** Makes every later request to `baseUrl` carry `Authorization: Bearer <token>`. */
export function useBearer(baseUrl: string, token: string): void {
  bearers.set(baseUrl, token);
}

/** Sends one request over a fresh connection and collects the whole response. */
export function send(baseUrl: string, options: TestRequest): Promise<TestResponse> {
  let payload: Buffer | undefined;
  if (options.rawBody !== undefined) payload = Buffer.from(options.rawBody);
  else if (options.body !== undefined) payload = Buffer.from(JSON.stringify(options.body));
  if (payload !== undefined && options.gzip === true) payload = gzipSync(payload);
  const headers: Record<string, string> = {};
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  if (options.gzip === true) headers['content-encoding'] = 'gzip';
  const bearer = bearers.get(baseUrl);
  if (bearer !== undefined && options.anonymous !== true) headers['authorization'] = `Bearer ${bearer}`;
  Object.assign(headers, options.headers);
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(options.path, baseUrl), { method: options.method ?? (payload === undefined ? 'GET' : 'POST'), headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const received = Buffer.concat(chunks);
        const raw = res.headers['content-encoding'] === 'gzip' ? gunzipSync(received) : received;
        const text = raw.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: received, text, json: <T>() => JSON.parse(text) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** POSTs a JSON body. */
export function post(baseUrl: string, path: string, body: unknown, extra: Partial<TestRequest> = {}): Promise<TestResponse> {
  return send(baseUrl, { path, body, ...extra });
}
