import type { ResponseStatus } from '@artemis/core';
import { ApiError } from './api-error';

/** How the console reaches its node. */
export interface TransportOptions {
  /** The node's base URL; the console's own origin by default. */
  readonly baseUrl?: string;
  /** The bearer token, read at each call (it changes on login and logout). */
  readonly token: () => string | null;
  /** Called on any 401, before the error is thrown: the session has ended. */
  readonly onUnauthorized?: () => void;
  /** Called after every call: whether the node answered at all. */
  readonly onReachable?: (reachable: boolean) => void;
}

interface WithStatus {
  readonly responseStatus?: ResponseStatus;
}

/** POSTs (or GETs) JSON with the bearer token and turns every failure into an {@link ApiError}. */
export class Transport {
  constructor(private readonly options: TransportOptions) {}

  async post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.send<T>(path, { method: 'POST', body: JSON.stringify(body) });
  }

  async get<T>(path: string): Promise<T> {
    return this.send<T>(path, { method: 'GET' });
  }

  private async send<T>(path: string, init: RequestInit): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const token = this.options.token();
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl ?? ''}${path}`, { ...init, headers });
    } catch {
      this.options.onReachable?.(false);
      throw new ApiError(0, 'network', 'The node cannot be reached.');
    }
    this.options.onReachable?.(true);
    let parsed: (WithStatus & T) | null = null;
    try {
      parsed = (await response.json()) as WithStatus & T;
    } catch {
      parsed = null;
    }
    const status = parsed?.responseStatus;
    if (response.status === 401) this.options.onUnauthorized?.();
    if (!response.ok) {
      throw new ApiError(response.status, status?.errorCode ?? 'http-error', status?.message || `HTTP ${response.status} from ${path}`);
    }
    if (parsed === null) throw new ApiError(response.status, 'bad-response', `${path} did not answer JSON`);
    if (status !== undefined && status.status !== 'success') {
      throw new ApiError(response.status, status.errorCode, status.message || status.errorCode);
    }
    return parsed;
  }
}
