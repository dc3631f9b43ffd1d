import { decode, discoveryConfigSchema, ErrorCode, isBlank, serviceKeyOf, ArtemisError } from '@artemis/core';
import { silentLogger, type Logger } from '@artemis/server';
import type { RawData } from 'ws';
import type { SubscriptionBudget } from './subscription-budget.js';
import { pushErrorStatus } from './push-errors.js';
import type { WsSession } from './ws-session.js';

/**
 * The Java change channels: `/ws/discovery/instance-change`, where each DiscoveryConfig frame
 * subscribes the session to a service, and `/ws/discovery/all-instance-change`, where every
 * session gets every change.
 */
export class WsChangeChannels {
  private readonly byService = new Map<string, Set<WsSession>>();
  private readonly everything = new Set<WsSession>();

  constructor(
    private readonly budget: SubscriptionBudget,
    private readonly logger: Logger = silentLogger,
  ) {}

  /** Serves a session of `/ws/discovery/instance-change`; its subscriptions are bounded by the budget. */
  servePerService(session: WsSession): void {
    const subscribed = new Set<string>();
    session.socket.on('message', (data, isBinary) => {
      const serviceKey = this.subscription(session, data, isBinary, subscribed);
      if (serviceKey === null) return;
      try {
        let sessions = this.byService.get(serviceKey);
        if (sessions === undefined) this.byService.set(serviceKey, (sessions = new Set()));
        sessions.add(session);
        subscribed.add(serviceKey);
      } catch (error) {
        // Unexpected: answered in the protocol's shape, the session keeps what it had.
        this.budget.release(1);
        session.send(JSON.stringify({ responseStatus: pushErrorStatus(error, this.logger, 'instance-change subscription') }));
      }
    });
    session.socket.once('close', () => {
      for (const serviceKey of subscribed) {
        const sessions = this.byService.get(serviceKey);
        sessions?.delete(session);
        if (sessions?.size === 0) this.byService.delete(serviceKey);
      }
      this.budget.release(subscribed.size);
      subscribed.clear();
    });
  }

  /** Serves a session of `/ws/discovery/all-instance-change`. */
  serveEverything(session: WsSession): void {
    this.everything.add(session);
    session.socket.once('close', () => this.everything.delete(session));
  }

  /** True when some session would receive a change of this service. */
  hasSubscribers(serviceKey: string): boolean {
    return this.everything.size > 0 || this.byService.has(serviceKey);
  }

  /** Sends one serialised change to the sessions of its service and to every all-changes session. */
  deliver(serviceKey: string, payload: Buffer): void {
    const sessions = this.byService.get(serviceKey);
    if (sessions !== undefined) for (const session of sessions) session.send(payload);
    for (const session of this.everything) session.send(payload);
  }

  /**
   * The service a subscription frame adds, or null when it adds none: a repeat, or a bad frame
   * or one over the budget, answered with the error.
   */
  private subscription(session: WsSession, data: RawData, isBinary: boolean, subscribed: ReadonlySet<string>): string | null {
    try {
      if (isBinary) throw new ArtemisError(ErrorCode.badRequest, 'subscriptions are JSON text frames, not binary');
      let body: unknown;
      try {
        body = JSON.parse(data.toString());
      } catch (error) {
        throw new ArtemisError(ErrorCode.badRequest, `malformed JSON: ${(error as Error).message}`);
      }
      const config = decode(discoveryConfigSchema, body);
      if (isBlank(config.serviceId)) throw new ArtemisError(ErrorCode.badRequest, 'serviceId: must not be blank');
      const serviceKey = serviceKeyOf(config.serviceId);
      if (subscribed.has(serviceKey)) return null;
      this.budget.take(subscribed.size, 1);
      return serviceKey;
    } catch (error) {
      // Refusals and unexpected failures alike are answered; the session stays open.
      session.send(JSON.stringify({ responseStatus: pushErrorStatus(error, this.logger, 'instance-change subscription') }));
      return null;
    }
  }
}
