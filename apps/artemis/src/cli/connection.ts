import { ArtemisAdmin } from '@artemis/client';
import { UsageError } from './exit-codes.js';
import { configFilePath, readCliConfig } from './profiles.js';

/** Flags every ops command takes. */
export interface ConnectionArgs {
  readonly server?: string | undefined;
  readonly token?: string | undefined;
  readonly profile?: string | undefined;
  readonly operator?: string | undefined;
  readonly timeout?: number | undefined;
}

/** Where a command connects, with what, and where that came from. */
export interface Connection {
  readonly nodes: readonly string[];
  readonly token: string | undefined;
  readonly operatorId: string;
}

/** The node a command talks to when nothing names one. */
export const DEFAULT_SERVER = 'http://127.0.0.1:8080';

function parseNodes(text: string, from: string): string[] {
  const nodes = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (nodes.length === 0) throw new UsageError(`${from} names no server`);
  for (const node of nodes) {
    let url: URL;
    try {
      url = new URL(node);
    } catch {
      throw new UsageError(`${from}: "${node}" is not a URL; give e.g. http://10.0.0.1:8080`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${from}: "${node}" is not an http(s) URL`);
  }
  return nodes;
}

/**
 * Resolves the server and token: `--server` / `--token`, else `ARTEMIS_SERVER` /
 * `ARTEMIS_TOKEN`, else the profile (`--profile`, `ARTEMIS_PROFILE`, or the current one) saved
 * by `artemis login`. A profile's token is only sent to that profile's server.
 */
export function resolveConnection(args: ConnectionArgs, env: Readonly<Record<string, string | undefined>>, useProfiles = true): Connection {
  const config = useProfiles ? readCliConfig(configFilePath(env)) : { profiles: {} };
  if (!useProfiles) return { nodes: parseNodes(args.server ?? (env['ARTEMIS_SERVER'] || DEFAULT_SERVER), '--server'), token: args.token ?? (env['ARTEMIS_TOKEN'] || undefined), operatorId: args.operator ?? env['USER'] ?? 'artemis-cli' };
  const profileName = args.profile ?? env['ARTEMIS_PROFILE'] ?? config.current;
  const profile = profileName === undefined ? undefined : config.profiles[profileName];
  if (profile === undefined && (args.profile !== undefined || env['ARTEMIS_PROFILE'] !== undefined)) {
    throw new UsageError(`no profile named "${profileName}"; create it with: artemis login --profile ${profileName} --server URL`);
  }
  const [serverText, from] =
    args.server !== undefined ? [args.server, '--server'] : env['ARTEMIS_SERVER'] !== undefined && env['ARTEMIS_SERVER'] !== '' ? [env['ARTEMIS_SERVER'], 'ARTEMIS_SERVER'] : profile !== undefined ? [profile.server, `profile ${profileName}`] : [DEFAULT_SERVER, 'the default'];
  const nodes = parseNodes(serverText, from);
  const profileToken = profile !== undefined && parseNodes(profile.server, `profile ${profileName}`).join(',') === nodes.join(',') ? profile.token : undefined;
  const envToken = env['ARTEMIS_TOKEN'] === '' ? undefined : env['ARTEMIS_TOKEN'];
  return {
    nodes,
    token: args.token ?? envToken ?? profileToken,
    operatorId: args.operator ?? env['USER'] ?? 'artemis-cli',
  };
}

/** The admin client of a command. */
export function adminFor(connection: Connection, timeoutMs?: number): ArtemisAdmin {
  return new ArtemisAdmin({
    nodes: connection.nodes,
    ...(connection.token === undefined ? {} : { token: connection.token }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    defaults: { operatorId: connection.operatorId },
  });
}
