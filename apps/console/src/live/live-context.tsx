import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { PushEvents, type ClientToServerEvents, type ServerToClientEvents, type SubscribeReply } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { initialLiveState, liveReducer, type LiveState } from './live-reducer';

/** The push connection's state, for the connection banner. */
export type PushState = 'connecting' | 'connected' | 'lost';

/** The live registry every page reads. */
export interface Live {
  readonly state: LiveState;
  readonly push: PushState;
  /** The error of the last snapshot, when it failed. */
  readonly error: unknown;
  /** Counts `management-change` pushes: management data changed (any operator, any node). */
  readonly managementChanges: number;
  /** Reads the whole management view again (after a write of ours, which pushes nothing). */
  refresh(): Promise<void>;
}

/** Exported for component tests, which provide a live state of their own. */
export const LiveContext = createContext<Live | null>(null);

/** The live registry; only inside {@link LiveProvider}. */
export function useLive(): Live {
  const live = useContext(LiveContext);
  if (live === null) throw new Error('useLive outside LiveProvider');
  return live;
}

type PushSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One socket.io session per page, subscribed to every change (`all: true`), resuming from the
 * highest version seen after a reconnect; the management view is read once after the first
 * subscription, and again for services a `reload` push names.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [state, dispatch] = useReducer(liveReducer, initialLiveState);
  const [push, setPush] = useState<PushState>('connecting');
  const [error, setError] = useState<unknown>(null);
  const [managementChanges, setManagementChanges] = useState(0);
  const versionRef = useRef<number | null>(null);
  versionRef.current = state.version;
  const { admin } = session;
  // The provider lives inside one session: its token does not change under it.
  const tokenRef = useRef(session.token());

  const refresh = useCallback(async () => {
    try {
      const answer = await admin.instances.services();
      dispatch({ type: 'snapshot', services: answer.services ?? [], at: Date.now() });
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [admin]);

  useEffect(() => {
    const token = tokenRef.current;
    const socket: PushSocket = io({ path: '/socket.io/', ...(token === null ? {} : { auth: { token } }), reconnectionDelayMax: 5_000 });
    let first = true;
    socket.on('connect', () => {
      setPush('connected');
      const sinceVersion = first ? null : versionRef.current;
      socket.emit(PushEvents.subscribe, { serviceIds: null, discoveryConfigs: null, all: true, sinceVersion }, (reply: SubscribeReply) => {
        if (reply.responseStatus.status !== 'success') setError(new Error(reply.responseStatus.message));
        // Subscribed first, then read: no change can fall between the two.
        if (first || sinceVersion === null) void refresh();
        // Management pages read their data before this subscription existed (or while it was
        // lost): a write in that window pushed nothing to us, so they read once more now.
        if (reply.responseStatus.status === 'success') setManagementChanges((count) => count + 1);
        first = false;
      });
    });
    socket.on('disconnect', () => setPush('lost'));
    socket.on('connect_error', () => setPush('lost'));
    socket.on('instance-change', (change) => dispatch({ type: 'push', push: change, at: Date.now() }));
    // Another operator's write (or ours): pages showing management data read it again.
    socket.on('management-change', () => setManagementChanges((count) => count + 1));
    const settle = setInterval(() => dispatch({ type: 'settle', at: Date.now() }), 1_000);
    return () => {
      clearInterval(settle);
      socket.disconnect();
    };
  }, [refresh]);

  useEffect(() => {
    for (const serviceKey of state.stale) {
      admin.instances.service(serviceKey).then(
        (answer) => {
          if (answer.service !== null) dispatch({ type: 'service', service: answer.service, at: Date.now() });
        },
        (failure: unknown) => setError(failure),
      );
    }
  }, [state.stale, admin]);

  const live = useMemo<Live>(() => ({ state, push, error, managementChanges, refresh }), [state, push, error, managementChanges, refresh]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}
