import type { CommandModule } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { groupCommand } from '../../cli/ops-command.js';
import { servicesGetCommand } from './get.command.js';
import { servicesListCommand } from './list.command.js';

/** `artemis services`. */
export const servicesCommand = (runtime: CliRuntime): CommandModule =>
  groupCommand('services', 'Services as operators see them', [servicesListCommand(runtime), servicesGetCommand(runtime)] as CommandModule<object, never>[]);
