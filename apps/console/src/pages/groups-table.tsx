import type { Group } from '@artemis/core';
import { DataTable, type Column } from '../shell/data-table';
import { Empty } from '../shell/states';

/** Groups of the services shown, with their tags. */
export function GroupsTable({ groups, tags }: { groups: readonly Group[]; tags: ReadonlyMap<number, Readonly<Record<string, string>>> }) {
  const columns: Column<Group>[] = [
    { header: 'Group key', cell: (group) => group.groupKey },
    { header: 'App', cell: (group) => group.appId },
    { header: 'Status', cell: (group) => group.status },
    {
      header: 'Tags',
      cell: (group) =>
        Object.entries(tags.get(group.groupId ?? -1) ?? {})
          .map(([key, value]) => `${key}=${value}`)
          .join(', '),
    },
  ];
  return (
    <>
      <h2>Groups and tags</h2>
      {groups.length === 0 ? <Empty>No group yet.</Empty> : <DataTable columns={columns} rows={groups} rowKey={(group) => String(group.groupId)} />}
    </>
  );
}
