import type { CommandModule } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { groupCommand } from '../../cli/ops-command.js';
import { groupCreateCommand } from './create.command.js';
import { groupDeleteCommand } from './delete.command.js';
import { groupGetCommand } from './get.command.js';
import { groupListCommand } from './list.command.js';
import { groupTagCommand } from './tag.command.js';

/** `artemis group`. */
export const groupsCommand = (runtime: CliRuntime): CommandModule =>
  groupCommand('group', 'Groups of instances, their tags', [
    groupListCommand(runtime),
    groupGetCommand(runtime),
    groupCreateCommand(runtime),
    groupDeleteCommand(runtime),
    groupTagCommand(runtime),
  ] as CommandModule<object, never>[]);
