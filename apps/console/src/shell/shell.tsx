import type { ReactNode } from 'react';
import type { Role } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { hrefOf } from './router';

/** A page of the console and the least role that sees it. */
export interface NavItem {
  readonly id: string;
  readonly label: string;
  readonly role: Role;
}

export const NAV: readonly NavItem[] = [
  { id: 'dashboard', label: 'Dashboard', role: 'viewer' },
  { id: 'services', label: 'Services', role: 'viewer' },
  { id: 'instances', label: 'Instances', role: 'viewer' },
  { id: 'routing', label: 'Routing', role: 'viewer' },
  { id: 'zones', label: 'Zone operations', role: 'viewer' },
  { id: 'canary', label: 'Canary', role: 'viewer' },
  { id: 'audit', label: 'Audit', role: 'viewer' },
  { id: 'cluster', label: 'Cluster', role: 'viewer' },
  { id: 'users', label: 'Users and tokens', role: 'admin' },
];

/** The frame of every page: navigation for the caller's role, who is signed in, and banners. */
export function Shell({ current, children }: { current: string; children: ReactNode }) {
  const session = useSession();
  const live = useLive();
  const state = session.state;
  if (state.kind !== 'ready') return null;
  const lost = !session.reachable || live.push === 'lost';
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href={hrefOf('dashboard')}>
          Artemis
        </a>
        <nav aria-label="Pages" className="nav">
          <ul>
            {NAV.filter((item) => session.can(item.role)).map((item) => (
              <li key={item.id}>
                <a href={hrefOf(item.id)} aria-current={current === item.id ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span title={`signed in as ${state.principal.name}`}>
            {state.principal.name} <span className="role">{state.principal.role}</span>
          </span>
          {state.open ? null : (
            <button type="button" onClick={() => void session.logout()}>
              Sign out
            </button>
          )}
        </div>
      </header>
      {lost ? (
        <div className="banner banner-lost" role="alert">
          Connection to the node lost; reconnecting… Data shown may be out of date.
        </div>
      ) : null}
      {state.open ? (
        <div className="banner banner-open" role="note">
          This node has no authentication: anyone who reaches it can do what this console does.
        </div>
      ) : null}
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
