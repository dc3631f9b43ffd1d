import { ErrorCode, type ResponseStatus } from '@artemis/core';
import type { ArtemisRequestError} from './admin-errors.js';
import { ArtemisUnavailableError, ArtemisUnreachableError, errorFromStatus } from './admin-errors.js';

/** The `fetch` the transport calls: the global one by default (Node 20+ and browsers). */
export type FetchFunction = (input: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  readonly status: number;
  text(): Promise<string>;
}>;

/** How {@link AdminTransport} reaches a cluster. */
export interface AdminTransportOptions {
  /** Base URLs of the nodes, e.g. `http://10.0.0.1:8080`; reads move to the next when one fails. */
  readonly nodes: readonly string[];
  /** The bearer token sent with every request (docs/security.md), or a function giving it. */
  readonly token?: string | (() => string | undefined);
  /** Per-request time limit; default 10 s. */
  readonly timeoutMs?: number;
  /** A `fetch` to use instead of the global one. */
  readonly fetch?: FetchFunction;
}

/** Reads may be retried on another node; writes only when nothing reached the first. */
export type CallKind = 'read' | 'write';

/** Connection errors that prove the request never reached the node, so a write may go elsewhere. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function reasonOf(error: unknown): string {
  // Duck-typed: the DOMException of an aborted fetch is not always an Error of this realm.
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || (error as { cause?: { name?: unknown } } | null)?.cause?.name === 'TimeoutError') return 'timed out';
  const code = causeCode(error);
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause?.message;
  return code ?? (typeof cause === 'string' ? cause : error instanceof Error ? error.message : String(error));
}

function isResponseStatus(value: unknown): value is ResponseStatus {
  return typeof value === 'object' && value !== null && typeof (value as ResponseStatus).status === 'string' && typeof (value as ResponseStatus).errorCode === 'string';
}

/** A failure of one node that another node may not have. */
class NodeFailure extends Error {
  constructor(
    readonly reason: string,
    /** True when the request surely did not reach the node. */
    readonly notSent: boolean,
    /** The protocol answer, when the node gave one. */
    readonly answer?: ArtemisRequestError,
  ) {
    super(reason);
  }
}

/**
 * Sends JSON requests to a list of nodes with `fetch` only (no Node-specific module), so it runs
 * in Node and in a browser. Protocol failures become typed exceptions ({@link errorFromStatus}).
 */
export class AdminTransport {
  readonly nodes: readonly string[];
  private preferred = 0;
  private readonly fetchFn: FetchFunction;
  private readonly timeoutMs: number;
  private readonly token: () => string | undefined;

  constructor(options: AdminTransportOptions) {
    if (options.nodes.length === 0) throw new TypeError('AdminTransport needs at least one node URL');
    this.nodes = options.nodes.map((node) => node.replace(/\/+$/, ''));
    const given = options.fetch;
    this.fetchFn = given ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const token = options.token;
    this.token = typeof token === 'function' ? token : () => token;
  }

  /**
   * POSTs `body` to `path` and returns the answer. A read goes to the node that last answered,
   * then to the others; a write moves on only when the node could not be connected to or
   * answered `service-unavailable` (nothing applied).
   */
  async call<T>(path: string, body: unknown, kind: CallKind): Promise<T> {
    return this.send<T>(path, { method: 'POST', body: JSON.stringify(body ?? {}) }, kind);
  }

  /** GETs `path` (for the few answers served on GET only, such as `push.json`); a read. */
  async get<T>(path: string): Promise<T> {
    return this.send<T>(path, { method: 'GET' }, 'read');
  }

  private async send<T>(path: string, request: { readonly method: 'GET' | 'POST'; readonly body?: string }, kind: CallKind): Promise<T> {
    const attempts: { node: string; reason: string }[] = [];
    let lastAnswer: ArtemisRequestError | undefined;
    for (let i = 0; i < this.nodes.length; i += 1) {
      const index = (this.preferred + i) % this.nodes.length;
      const node = this.nodes[index] as string;
      try {
        const answer = await this.once<T>(node, path, request);
        this.preferred = index;
        return answer;
      } catch (error) {
        if (!(error instanceof NodeFailure)) throw error;
        attempts.push({ node, reason: error.reason });
        lastAnswer = error.answer ?? lastAnswer;
        const retry = kind === 'read' || error.notSent || error.answer?.code === ErrorCode.serviceUnavailable;
        if (!retry) break;
      }
    }
    // A node that answered says more than one that could not be reached.
    if (lastAnswer !== undefined) throw lastAnswer;
    throw new ArtemisUnreachableError(`no Artemis node answered: ${attempts.map((a) => `${a.node} (${a.reason})`).join(', ')}`, attempts);
  }

  private async once<T>(node: string, path: string, request: { readonly method: 'GET' | 'POST'; readonly body?: string }): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const token = this.token();
    if (token !== undefined && token !== '') headers['authorization'] = `Bearer ${token}`;
    let status: number;
    let text: string;
    try {
      const init = { method: request.method, headers, signal: AbortSignal.timeout(this.timeoutMs) };
      const response = await this.fetchFn(`${node}${path}`, request.body === undefined ? init : { ...init, body: request.body });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new NodeFailure(reasonOf(error), NOT_SENT.has(causeCode(error) ?? ''));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      // Not the protocol's answer (a proxy's page, say): whether a write was applied is unknown.
      const answer = new ArtemisUnavailableError(ErrorCode.unknown, `HTTP ${status}, not an Artemis answer`, status, node);
      throw new NodeFailure(`HTTP ${status}, not a JSON answer`, false, answer);
    }
    const responseStatus = (parsed as { responseStatus?: unknown } | null)?.responseStatus;
    if (isResponseStatus(responseStatus)) {
      if (status < 300 && responseStatus.status === 'success') return parsed as T;
      const error = errorFromStatus(responseStatus, status, node);
      // Only a node that cannot serve now is worth leaving for another; any other answer is final.
      if (error instanceof ArtemisUnavailableError) throw new NodeFailure(`answered ${error.code}: ${error.message}`, false, error);
      throw error;
    }
    if (status < 300) return parsed as T;
    throw new NodeFailure(`HTTP ${status} without a responseStatus`, false, new ArtemisUnavailableError(ErrorCode.unknown, `HTTP ${status}`, status, node));
  }
}
