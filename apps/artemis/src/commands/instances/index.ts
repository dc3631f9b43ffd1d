import type { CommandModule } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { groupCommand } from '../../cli/ops-command.js';
import { instancesListCommand } from './list.command.js';

/** `artemis instances`. */
export const instancesCommand = (runtime: CliRuntime): CommandModule =>
  groupCommand('instances', 'Registered instances', [instancesListCommand(runtime)] as CommandModule<object, never>[]);
