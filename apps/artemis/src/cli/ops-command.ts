import type { ArtemisAdmin } from '@artemis/client';
import type { Argv, CommandModule } from 'yargs';
import { adminFor, resolveConnection, type Connection, type ConnectionArgs } from './connection.js';
import { createOutput, type Output } from './output.js';
import { reportFailure } from './report-failure.js';
import type { CliRuntime } from './runtime.js';

/** Flags of every command that talks to a cluster. */
export interface OpsArgs extends ConnectionArgs {
  readonly json?: boolean | undefined;
}

/** What a command's `run` gets besides its flags. */
export interface OpsContext {
  readonly admin: ArtemisAdmin;
  readonly out: Output;
  readonly connection: Connection;
  readonly runtime: CliRuntime;
}

/** How to define a command that talks to a cluster. */
export interface OpsCommandSpec<A> {
  readonly command: string;
  readonly describe: string;
  readonly builder?: (yargs: Argv<OpsArgs>) => Argv<A>;
  /** False for a command that writes profiles (`login`): `--profile` names the one it saves. */
  readonly readsProfiles?: boolean;
  /** Does the work; returns the exit code when it is not 0 (a batch where some items were refused). */
  readonly run: (args: A & OpsArgs, context: OpsContext) => Promise<number | void>;
}

/** Adds the connection and output flags every ops command takes. */
export function withConnection(yargs: Argv): Argv<OpsArgs> {
  return yargs
    .option('server', { type: 'string', describe: 'Node URL(s), comma-separated (ARTEMIS_SERVER, or the profile) [default: http://127.0.0.1:8080]' })
    .option('token', { type: 'string', describe: 'Bearer token (ARTEMIS_TOKEN, or the profile)' })
    .option('profile', { type: 'string', describe: 'Profile of ~/.config/artemis/config.json to use (ARTEMIS_PROFILE) [default: the current one]' })
    .option('operator', { type: 'string', describe: 'Operator id recorded with writes [default: $USER]' })
    .option('timeout', { type: 'number', describe: 'Seconds to wait for each node [default: 10]' })
    .option('json', { type: 'boolean', describe: 'Print the server\'s JSON instead of a table' })
    .group(['server', 'token', 'profile', 'operator', 'timeout', 'json'], 'Connection and output:') as Argv<OpsArgs>;
}

/**
 * A yargs command module for an ops command: connection flags, output mode, and failures
 * turned into exit codes by {@link reportFailure}.
 */
export function opsCommand<A>(runtime: CliRuntime, spec: OpsCommandSpec<A>): CommandModule<object, A & OpsArgs> {
  return {
    command: spec.command,
    describe: spec.describe,
    builder: (yargs: Argv) => {
      const connected = withConnection(yargs);
      return (spec.builder === undefined ? connected : spec.builder(connected)) as unknown as Argv<A & OpsArgs>;
    },
    handler: async (args) => {
      const out = createOutput(args.json === true, runtime);
      try {
        const connection = resolveConnection(args, runtime.env, spec.readsProfiles !== false);
        const timeoutMs = args.timeout === undefined ? undefined : Math.max(1, args.timeout) * 1000;
        const code = await spec.run(args as unknown as A & OpsArgs, { admin: adminFor(connection, timeoutMs), out, connection, runtime });
        if (typeof code === 'number' && code !== 0) process.exitCode = code;
      } catch (error) {
        process.exitCode = reportFailure(error, out, runtime.stderr);
      }
    },
  };
}

/** A command that only groups subcommands, e.g. `artemis route`. */
export function groupCommand(command: string, describe: string, subcommands: readonly CommandModule<object, never>[]): CommandModule {
  return {
    command,
    describe,
    builder: (yargs: Argv) => {
      let built = yargs;
      for (const sub of subcommands) built = built.command(sub as CommandModule);
      return built.demandCommand(1, `Name a subcommand of ${command}; see artemis ${command} --help.`);
    },
    handler: () => undefined,
  };
}
