import yargs from 'yargs';
import { ExitCode, UsageError } from './cli/exit-codes.js';
import { processRuntime } from './cli/runtime.js';
import { cliVersion } from './cli/version.js';
import { clusterCommand } from './commands/cluster.command.js';
import { instanceCommand } from './commands/instance/index.js';
import { instancesCommand } from './commands/instances/index.js';
import { leasesCommand } from './commands/leases.command.js';
import { migratePGliteCommand } from './commands/migrate-pglite.command.js';
import { serverOpsCommands } from './commands/server-ops/index.js';
import { serverCommand } from './commands/server.command.js';
import { servicesCommand } from './commands/services/index.js';
import { versionCommand } from './commands/version.command.js';
import { zoneCommand } from './commands/zone/index.js';
import { groupsCommand } from './commands/group/index.js';
import { routeCommand } from './commands/route/index.js';
import { canaryCommand } from './commands/canary/index.js';
import { auditCommand } from './commands/audit.command.js';
import { loginCommand } from './commands/login.command.js';
import { tokenCommand } from './commands/token/index.js';

/**
 * Runs the `artemis` command line. The only place that reads the process environment; every
 * command receives what it needs from here. A wrong command line prints one line and the way
 * to help, and exits 2 (docs/cli.md).
 */
export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const runtime = processRuntime(env);
  try {
    await parser(argv, env, runtime).parseAsync();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const command = argv.find((arg) => !arg.startsWith('-')) ?? '';
    process.stderr.write(`artemis: ${error.message}\nSee: artemis ${command === '' ? '' : `${command} `}--help\n`);
    process.exitCode = ExitCode.usage;
  }
}

function parser(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, runtime: ReturnType<typeof processRuntime>) {
  return yargs([...argv])
    .scriptName('artemis')
    .command(serverCommand(env, serverOpsCommands(runtime)))
    .command(migratePGliteCommand)
    .command(servicesCommand(runtime))
    .command(instancesCommand(runtime))
    .command(instanceCommand(runtime))
    .command(zoneCommand(runtime))
    .command(clusterCommand(runtime))
    .command(groupsCommand(runtime))
    .command(routeCommand(runtime))
    .command(canaryCommand(runtime))
    .command(leasesCommand(runtime))
    .command(auditCommand(runtime))
    .command(loginCommand(runtime))
    .command(tokenCommand(runtime))
    .command(versionCommand(runtime))
    .completion('completion', 'Print a shell completion script (bash, zsh): artemis completion >> ~/.bashrc')
    .demandCommand(1, 'Name a command; see artemis --help.')
    .recommendCommands()
    .strict()
    .version(cliVersion())
    .help()
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // A failure of a handler is not a usage error: let it through with its stack. Throwing
      // is also what stops yargs from running the handler after a usage error.
      if (error !== undefined && error !== null && error.name !== 'YError') throw error;
      throw new UsageError(message ?? error?.message ?? 'invalid command line');
    });
}
