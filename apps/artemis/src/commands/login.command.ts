import { ArtemisBadRequestError } from '@artemis/client';
import type { Argv } from 'yargs';
import type { CliRuntime } from '../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../cli/ops-command.js';
import { UsageError } from '../cli/exit-codes.js';
import { configFilePath, saveProfile } from '../cli/profiles.js';

interface Args {
  readonly user?: string;
  readonly passwordStdin?: boolean;
}

/**
 * `artemis login`: saves a profile (server and token) in ~/.config/artemis/config.json, made the
 * current one. With `--user`, the token is a session from the node's login; with `--token`, the
 * token given is checked against the node and kept.
 */
export const loginCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'login',
    readsProfiles: false,
    describe: 'Log in to a cluster and save it as a profile (server and token)',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .option('user', { type: 'string', describe: 'User name; the password comes from --password-stdin or ARTEMIS_PASSWORD' })
        .option('password-stdin', { type: 'boolean', describe: 'Read the password from stdin' })
        .conflicts('user', 'token')
        .example('$0 login --server http://10.0.0.1:8080 --user alice --password-stdin < pw.txt', '')
        .example('$0 login --server http://10.0.0.1:8080 --token "$TOKEN" --profile prod', '') as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out, connection, runtime: rt }) => {
      const path = configFilePath(rt.env);
      if (path === null) throw new UsageError('neither HOME nor XDG_CONFIG_HOME is set: nowhere to save the profile');
      const profileName = args.profile ?? rt.env['ARTEMIS_PROFILE'] ?? 'default';
      let token: string;
      let who: string | undefined;
      if (args.user !== undefined) {
        const password = args.passwordStdin === true ? (await rt.readStdin()).replace(/\r?\n$/, '') : rt.env['ARTEMIS_PASSWORD'];
        if (password === undefined || password === '') throw new UsageError('give the password on stdin with --password-stdin, or in ARTEMIS_PASSWORD');
        const issued = await admin.auth.login(args.user, password);
        if (issued.token === undefined) throw new UsageError('the server answered the login without a token');
        token = issued.token;
        who = args.user;
      } else if (connection.token !== undefined && args.token !== undefined) {
        token = args.token;
        try {
          who = (await admin.auth.whoami()).principal?.name;
        } catch (error) {
          // A node without the auth routes (404): the token cannot be checked, only the node reached.
          if (!(error instanceof ArtemisBadRequestError && error.httpStatus === 404)) throw error;
          await admin.status.node();
        }
      } else {
        throw new UsageError('give --user (with --password-stdin or ARTEMIS_PASSWORD) or --token');
      }
      const server = connection.nodes.join(',');
      saveProfile(path, profileName, { server, token, ...(who === undefined ? {} : { user: who }) });
      if (out.json) return out.printJson({ profile: profileName, server, user: who ?? null, path });
      out.line(`logged in to ${server}${who === undefined ? '' : ` as ${who}`}; profile ${profileName} saved in ${path}`);
    },
  });
