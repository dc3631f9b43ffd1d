import { useEffect, useRef } from 'react';
import { useAsync, type AsyncState } from '../shell/use-async';
import { useLive } from './live-context';

/**
 * {@link useAsync} for management data (route rules, zone operations, logs...): read again,
 * without a loading state, whenever the node pushes `management-change`, so another
 * operator's write shows without a reload.
 */
export function useManagementData<T>(load: () => Promise<T>, deps: readonly unknown[]): [AsyncState<T>, () => void] {
  const { managementChanges } = useLive();
  const [state, reload] = useAsync(load, deps);
  const seen = useRef(managementChanges);
  useEffect(() => {
    if (seen.current === managementChanges) return;
    seen.current = managementChanges;
    reload();
  }, [managementChanges, reload]);
  return [state, reload];
}
