import type { CommandModule } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { serverPullCommand } from './pull.command.js';

/** The subcommands of `artemis server` that act on a server (an IP) of the cluster, not run one. */
export const serverOpsCommands = (runtime: CliRuntime): CommandModule[] => [serverPullCommand(runtime, 'pull-out'), serverPullCommand(runtime, 'pull-in')] as CommandModule[];
