import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand } from '../../cli/ops-command.js';
import { formatTime } from '../../cli/format.js';

/** `artemis token list`: the tokens of the cluster, never their secrets. */
export const tokenListCommand = (runtime: CliRuntime) =>
  opsCommand(runtime, {
    command: 'list',
    describe: 'List tokens',
    run: async (_args, { admin, out }) => {
      const answer = await admin.auth.tokens();
      if (out.json) return out.printJson(answer);
      out.table(
        [{ header: 'ID' }, { header: 'NAME' }, { header: 'KIND' }, { header: 'ROLE' }, { header: 'OWNER' }, { header: 'CREATED' }, { header: 'EXPIRES' }, { header: 'LAST USED' }, { header: 'REVOKED' }],
        answer.tokens.map((t) => [t.tokenId, t.name, t.kind, t.role, t.owner, formatTime(t.createdAt), formatTime(t.expiresAt), formatTime(t.lastUsedAt), t.revokedAt === null ? '' : { text: formatTime(t.revokedAt), colour: 'red' }]),
      );
    },
  });
