import { ArtemisAdmin, type FetchFunction } from '@artemis/client/admin';

/** What the console wants to hear about every call, beside its answer. */
export interface ConsoleAdminHooks {
  /** The bearer token, read at each call (it changes on login and logout). */
  readonly token: () => string | null;
  /** Who writes are recorded as when the node does not take it from the token (no security). */
  readonly operator: () => string;
  /** Called on any 401, before the error is thrown: the session has ended. */
  readonly onUnauthorized: () => void;
  /** Called after every call: whether the node answered at all. */
  readonly onReachable: (reachable: boolean) => void;
}

/**
 * The console's `ArtemisAdmin`: the node that served the page, with the session's token, and a
 * `fetch` that tells the session when the node is unreachable or ends the session (401).
 */
export function consoleAdmin(hooks: ConsoleAdminHooks, origin: string = globalThis.location.origin): ArtemisAdmin {
  const observed: FetchFunction = async (input, init) => {
    let response: Awaited<ReturnType<FetchFunction>>;
    try {
      response = await globalThis.fetch(input, init);
    } catch (error) {
      hooks.onReachable(false);
      throw error;
    }
    hooks.onReachable(true);
    if (response.status === 401) hooks.onUnauthorized();
    return response;
  };
  return new ArtemisAdmin({
    nodes: [origin],
    token: () => hooks.token() ?? undefined,
    fetch: observed,
    // A getter: the operator is whoever is signed in at the time of each write.
    defaults: {
      get operatorId() {
        return hooks.operator();
      },
    },
  });
}
