import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { roleAllows, type Principal, type Role } from '@artemis/core';
import type { ArtemisAdmin } from '@artemis/client/admin';
import { consoleAdmin, isNotFound, isUnauthenticated } from '../api';

const TOKEN_KEY = 'artemis.console.token';

/** Where the session stands. */
export type SessionState =
  | { readonly kind: 'checking' }
  | { readonly kind: 'login'; readonly reason: string | null }
  | { readonly kind: 'ready'; readonly principal: Principal; readonly open: boolean };

/** What every page can use: the API, the caller and what it may do. */
export interface Session {
  readonly state: SessionState;
  /** The admin client every page reads and writes through. */
  readonly admin: ArtemisAdmin;
  /** Whether the node answered the last call. */
  readonly reachable: boolean;
  /** True when the caller holds `role` (always true on a node without authentication). */
  can(role: Role): boolean;
  login(userName: string, password: string): Promise<void>;
  loginWithToken(token: string): Promise<void>;
  logout(): Promise<void>;
  /** The bearer token, for the push connection. */
  token(): string | null;
}

const SessionContext = createContext<Session | null>(null);

/** The session of the page; only inside {@link SessionProvider}. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionProvider');
  return session;
}

/** A node without `/api/auth/` serves everything openly: the console acts as an admin there. */
const OPEN_PRINCIPAL: Principal = { name: 'console', role: 'admin', tokenId: '', tokenKind: 'session' };

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage may be disabled; the session then lasts as long as the page.
  }
}

/**
 * Holds the token (in session storage, so a reload keeps it and closing the tab ends it), asks
 * the node who it belongs to, and returns to the login page on any 401 while the URL keeps the
 * page the operator was on.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const tokenRef = useRef<string | null>(readToken());
  const principalRef = useRef<Principal | null>(null);
  const [state, setState] = useState<SessionState>({ kind: 'checking' });
  const [reachable, setReachable] = useState(true);

  const admin = useMemo(
    () =>
      consoleAdmin({
        token: () => tokenRef.current,
        operator: () => principalRef.current?.name ?? 'console',
        onUnauthorized: () => {
          if (principalRef.current === null) return;
          tokenRef.current = null;
          principalRef.current = null;
          writeToken(null);
          setState({ kind: 'login', reason: 'Your session has ended; sign in again to continue.' });
        },
        onReachable: setReachable,
      }),
    [],
  );

  /** Asks the node who the token belongs to; false (and the login page) when it is no one. */
  const check = useCallback(async (): Promise<boolean> => {
    try {
      const answer = await admin.auth.whoami();
      if (answer.principal === undefined) throw new Error('whoami named no principal');
      principalRef.current = answer.principal;
      setState({ kind: 'ready', principal: answer.principal, open: false });
      return true;
    } catch (error) {
      if (isNotFound(error)) {
        principalRef.current = OPEN_PRINCIPAL;
        setState({ kind: 'ready', principal: OPEN_PRINCIPAL, open: true });
        return true;
      }
      tokenRef.current = null;
      principalRef.current = null;
      writeToken(null);
      const reason = !isUnauthenticated(error) && error instanceof Error ? error.message : null;
      setState({ kind: 'login', reason });
      return false;
    }
  }, [admin]);

  useEffect(() => {
    void check();
  }, [check]);

  const session = useMemo<Session>(
    () => ({
      state,
      admin,
      reachable,
      can: (role) => state.kind === 'ready' && roleAllows(state.principal.role, role),
      async login(userName, password) {
        const issued = await admin.auth.login(userName, password);
        if (issued.token === undefined) throw new Error('the node issued no token');
        tokenRef.current = issued.token;
        writeToken(issued.token);
        if (!(await check())) throw new Error('The node did not accept the token it issued.');
      },
      async loginWithToken(token) {
        tokenRef.current = token;
        writeToken(token);
        if (!(await check())) throw new Error('That token was not accepted.');
      },
      async logout() {
        try {
          if (state.kind === 'ready' && !state.open) await admin.auth.logout();
        } finally {
          tokenRef.current = null;
          principalRef.current = null;
          writeToken(null);
          setState({ kind: 'login', reason: null });
        }
      },
      token: () => tokenRef.current,
    }),
    [state, admin, reachable, check],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
