import type { Argv } from 'yargs';
import type { CliRuntime } from '../../cli/runtime.js';
import { opsCommand, type OpsArgs } from '../../cli/ops-command.js';
import { UsageError } from '../../cli/exit-codes.js';
import { formatTags } from '../../cli/format.js';

interface Args {
  readonly id: number;
  readonly tags?: string[];
  readonly remove?: string[];
}

/** `artemis group tag`: sets and removes a group's tags (served as its metadata in route rules). */
export const groupTagCommand = (runtime: CliRuntime) =>
  opsCommand<Args>(runtime, {
    command: 'tag [tags..]',
    describe: 'Set tags (key=value) on a group, or remove them (--remove key)',
    builder: (yargs: Argv<OpsArgs>) =>
      yargs
        .positional('tags', { type: 'string', array: true, describe: 'key=value pairs' })
        .option('id', { type: 'number', demandOption: true, describe: 'Group id' })
        .option('remove', { type: 'string', array: true, describe: 'Tag to remove; repeat for several' })
        .example('$0 group tag --id 3 env=blue owner=payments', '') as unknown as Argv<Args & OpsArgs>,
    run: async (args, { admin, out }) => {
      if ((args.tags ?? []).length === 0 && (args.remove ?? []).length === 0) throw new UsageError('give tags as key=value, or --remove key');
      const tags: Record<string, string> = {};
      for (const pair of args.tags ?? []) {
        const at = pair.indexOf('=');
        if (at <= 0 || at === pair.length - 1) throw new UsageError(`"${pair}" is not key=value`);
        tags[pair.slice(0, at)] = pair.slice(at + 1);
      }
      if (Object.keys(tags).length > 0) await admin.groups.upsertTags([{ groupId: args.id, tags }]);
      for (const tag of args.remove ?? []) await admin.groups.deleteTags({ groupId: args.id, tag });
      const { groupTags } = await admin.groups.tags(args.id);
      if (out.json) return out.printJson({ groupTags });
      out.line(`group ${args.id} tags: ${formatTags(groupTags?.tags) || '(none)'}`);
    },
  });
