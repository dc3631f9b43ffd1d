import type { OutputTerminal } from './output.js';

/** What a command reads from its process: the environment and the terminal. */
export interface CliRuntime extends OutputTerminal {
  /** Reads all of stdin (for `--password-stdin`). */
  readStdin(): Promise<string>;
}

/** The runtime of the real process. */
export function processRuntime(env: Readonly<Record<string, string | undefined>>): CliRuntime {
  return {
    env,
    stdout: process.stdout,
    stderr: process.stderr,
    async readStdin() {
      let text = '';
      for await (const chunk of process.stdin) text += String(chunk);
      return text;
    },
  };
}
