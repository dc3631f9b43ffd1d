import { MalformedResponseError } from '../errors.js';

/**
 * Reads a response body as JSON, refusing more than `maxBytes` (checked while streaming, so a
 * hostile node cannot make the client buffer an endless body).
 */
export async function readJsonBounded(response: Response, maxBytes: number): Promise<unknown> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new MalformedResponseError(`the answer is ${declared} bytes, more than the ${maxBytes} accepted`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body !== null) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new MalformedResponseError(`the answer exceeds the ${maxBytes} bytes accepted`);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks, size).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MalformedResponseError(`the answer is not JSON (HTTP ${response.status}, ${size} bytes)`);
  }
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
