import { ArtemisRequestError } from '@artemis/client';
import { ExitCode } from './exit-codes.js';
import type { Output } from './output.js';
import { statusCell } from './table.js';

/** The outcome of one item of a batch. */
export interface BatchResult {
  readonly target: string;
  readonly errorCode: string;
  readonly message: string;
}

/**
 * Runs `act` on each item in turn with progress, going on past refusals (an unreachable
 * cluster still stops it), and prints one row per item. Exit 1 when any item was refused.
 */
export async function runBatch<T>(out: Output, what: string, items: readonly T[], name: (item: T) => string, act: (item: T) => Promise<unknown>): Promise<number> {
  const results: BatchResult[] = [];
  for (const item of items) {
    try {
      await act(item);
      results.push({ target: name(item), errorCode: 'success', message: '' });
    } catch (error) {
      if (!(error instanceof ArtemisRequestError)) throw error;
      results.push({ target: name(item), errorCode: error.code, message: error.message });
    }
    if (items.length > 1) out.progress(results.length, items.length, what);
  }
  if (out.json) out.printJson({ results });
  else out.table([{ header: 'TARGET' }, { header: 'RESULT' }, { header: 'MESSAGE' }], results.map((r) => [r.target, statusCell(r.errorCode), r.message]));
  return results.every((r) => r.errorCode === 'success') ? ExitCode.ok : ExitCode.refused;
}
