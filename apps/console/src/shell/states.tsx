import type { ReactNode } from 'react';
import { errorCodeOf, messageOf } from '../api';

/** Shown while a page loads its data. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** Shown when a page's data could not be read, with the server's words and a retry. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = messageOf(error);
  const code = errorCodeOf(error);
  return (
    <div className="state state-error" role="alert">
      <p>
        {message}
        {code !== null ? <span className="muted"> ({code})</span> : null}
      </p>
      {retry !== undefined ? (
        <button type="button" onClick={retry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** Shown when there is nothing to list. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}
