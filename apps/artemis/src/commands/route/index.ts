import type { CommandModule } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { groupCommand } from '../../cli/ops-command.js';
import { routeCreateCommand } from './create.command.js';
import { routeDeleteCommand } from './delete.command.js';
import { routeGetCommand } from './get.command.js';
import { routeListCommand } from './list.command.js';
import { routeReleaseCommand } from './release.command.js';

/** `artemis route`. */
export const routeCommand = (runtime: CliRuntime): CommandModule =>
  groupCommand('route', 'Weighted route rules', [
    routeListCommand(runtime),
    routeGetCommand(runtime),
    routeCreateCommand(runtime),
    routeReleaseCommand(runtime),
    routeDeleteCommand(runtime),
  ] as CommandModule<object, never>[]);
