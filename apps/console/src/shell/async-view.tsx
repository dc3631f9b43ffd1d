import type { ReactNode } from 'react';
import { Empty, ErrorState, Loading } from './states';
import type { AsyncState } from './use-async';

/**
 * The loading, error and empty states of a load, and its data once there: every page shows
 * the same three states the same way.
 */
export function AsyncView<T>({
  state,
  what,
  retry,
  isEmpty,
  empty,
  children,
}: {
  state: AsyncState<T>;
  /** What is loading, for "Loading …". */
  what: string;
  retry: () => void;
  /** True when the data holds nothing to show; `empty` is shown instead. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={retry} />;
  if (isEmpty?.(state.data) === true) return <Empty>{empty}</Empty>;
  return <>{children(state.data)}</>;
}
