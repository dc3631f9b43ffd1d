/**
 * Exit codes scripts can rely on (docs/cli.md): 0 done, 1 the server refused, 2 the command
 * line is wrong, 3 no node could be reached.
 */
export const ExitCode = {
  ok: 0,
  refused: 1,
  usage: 2,
  unreachable: 3,
} as const;

/** One of {@link ExitCode}. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A command line that cannot be carried out as given: exit 2 with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
