import type { ReactNode } from 'react';
import { LoginPage } from './auth/login-page';
import { SessionProvider, useSession } from './auth/session-context';
import { LiveProvider } from './live/live-context';
import { PAGES } from './pages/page-table';
import { Shell } from './shell/shell';
import { useRoute } from './shell/router';
import { Empty, Loading } from './shell/states';

function Page(): ReactNode {
  const session = useSession();
  const route = useRoute();
  const state = session.state;
  if (state.kind === 'checking') return <Loading what="the session" />;
  // The URL keeps the page: after signing in the operator is back where they were.
  if (state.kind === 'login') return <LoginPage reason={state.reason} />;
  const [id = 'dashboard', ...rest] = route;
  const page = PAGES[id];
  return (
    <LiveProvider>
      <Shell current={id}>
        {page === undefined ? (
          <Empty>No such page: {id}.</Empty>
        ) : session.can(page.role) ? (
          page.render(rest)
        ) : (
          <Empty>Your role ({state.principal.role}) cannot see this page.</Empty>
        )}
      </Shell>
    </LiveProvider>
  );
}

/** The console. */
export function App() {
  return (
    <SessionProvider>
      <Page />
    </SessionProvider>
  );
}
