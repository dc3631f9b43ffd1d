import type { CommandModule } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { groupCommand } from '../../cli/ops-command.js';
import { tokenCreateCommand } from './create.command.js';
import { tokenListCommand } from './list.command.js';
import { tokenRevokeCommand } from './revoke.command.js';

/** `artemis token`. */
export const tokenCommand = (runtime: CliRuntime): CommandModule =>
  groupCommand('token', 'API tokens (admin)', [tokenCreateCommand(runtime), tokenListCommand(runtime), tokenRevokeCommand(runtime)] as CommandModule<object, never>[]);
