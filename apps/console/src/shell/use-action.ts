import { useCallback, useState } from 'react';
import { describeError } from '../api';

/** A write in progress: whether one runs, the last refusal, and how to run the next. */
export interface Action {
  readonly busy: boolean;
  readonly error: string | null;
  setError(error: string | null): void;
  /** Runs `work`; true when it succeeded, else the refusal is in `error`. */
  run(work: () => Promise<unknown>): Promise<boolean>;
}

/** The busy flag and error text every write button and form keeps. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
