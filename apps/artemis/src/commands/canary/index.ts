import type { CommandModule } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { groupCommand } from '../../cli/ops-command.js';
import { canaryListCommand } from './list.command.js';
import { canarySetCommand } from './set.command.js';

/** `artemis canary`. */
export const canaryCommand = (runtime: CliRuntime): CommandModule =>
  groupCommand('canary', 'Canary instances of services', [canarySetCommand(runtime), canaryListCommand(runtime)] as CommandModule<object, never>[]);
