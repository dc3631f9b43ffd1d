import type { CommandModule } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { groupCommand } from '../../cli/ops-command.js';
import { zoneListCommand } from './list.command.js';
import { zonePullCommand } from './pull.command.js';

/** `artemis zone`. */
export const zoneCommand = (runtime: CliRuntime): CommandModule =>
  groupCommand('zone', 'Pull zones out of discovery and back in', [zonePullCommand(runtime, 'pull-out'), zonePullCommand(runtime, 'pull-in'), zoneListCommand(runtime)] as CommandModule<object, never>[]);
