import { useCallback, useEffect, useRef, useState } from 'react';

/** A load's state: loading, done with data, or failed. */
export type AsyncState<T> = { readonly status: 'loading' } | { readonly status: 'done'; readonly data: T } | { readonly status: 'error'; readonly error: unknown };

/** Runs `load` now and whenever `reload` is called; stale answers are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): [AsyncState<T>, () => void] {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    run().then(
      (data) => {
        if (mine === generation.current) setState({ status: 'done', data });
      },
      (error: unknown) => {
        if (mine === generation.current) setState({ status: 'error', error });
      },
    );
  }, [run]);
  useEffect(() => {
    setState({ status: 'loading' });
    reload();
  }, [reload]);
  return [state, reload];
}
