import { ArtemisRequestError, ArtemisUnauthenticatedError, ArtemisUnreachableError } from '@artemis/client';
import { ExitCode, UsageError } from './exit-codes.js';
import type { Output } from './output.js';

/**
 * The one place where a failed command becomes an exit code and a message on stderr: usage 2,
 * refused 1 (with `--json`, the server's responseStatus on stdout too), unreachable 3.
 * Anything else is a bug and is thrown on, keeping its stack.
 */
export function reportFailure(error: unknown, out: Output, stderr: { write(text: string): unknown }): ExitCode {
  if (error instanceof UsageError) {
    stderr.write(`artemis: ${error.message}\n`);
    return ExitCode.usage;
  }
  if (error instanceof ArtemisUnreachableError) {
    stderr.write(`artemis: cannot reach the server: ${error.attempts.map((a) => `${a.node} (${a.reason})`).join(', ')}\n`);
    return ExitCode.unreachable;
  }
  if (error instanceof ArtemisRequestError) {
    const hint = error instanceof ArtemisUnauthenticatedError ? '; give a token with --token, ARTEMIS_TOKEN or artemis login' : '';
    stderr.write(`artemis: refused by ${error.node} (${error.code}): ${error.message}${hint}\n`);
    if (out.json) out.printJson({ responseStatus: { errorCode: error.code, message: error.message, status: 'fail' } });
    return ExitCode.refused;
  }
  throw error;
}
