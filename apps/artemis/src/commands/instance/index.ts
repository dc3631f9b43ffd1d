import type { CommandModule } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { groupCommand } from '../../cli/ops-command.js';
import { instancePullCommand } from './pull.command.js';

/** `artemis instance`. */
export const instanceCommand = (runtime: CliRuntime): CommandModule =>
  groupCommand('instance', 'Pull instances out of discovery and back in', [instancePullCommand(runtime, 'pull-out'), instancePullCommand(runtime, 'pull-in')] as CommandModule<object, never>[]);
