import type { LiveInstance } from '../live/live-reducer';
import { DataTable, type Column } from '../shell/data-table';
import { hrefOf } from '../shell/router';
import { Time } from '../shell/time';

function discoveryPill(row: LiveInstance) {
  if (row.mark === 'delete') return <span className="pill">gone</span>;
  return row.pulledOut ? <span className="pill pill-out">pulled out</span> : <span className="pill pill-up">served</span>;
}

/** Instances with their state; rows that just changed are highlighted (new, changed, deleted). */
export function InstanceTable({
  rows,
  selected,
  onToggle,
  onHistory,
  showService = true,
}: {
  rows: readonly LiveInstance[];
  selected?: ReadonlySet<string>;
  onToggle?: (key: string) => void;
  onHistory?: (row: LiveInstance) => void;
  showService?: boolean;
}) {
  const columns: Column<LiveInstance>[] = [
    {
      header: <span className="sr-only">Select</span>,
      shown: selected !== undefined && onToggle !== undefined,
      cell: (row) => (
        <input
          type="checkbox"
          aria-label={`select ${String(row.instance.instanceId)}`}
          checked={selected?.has(row.key) ?? false}
          disabled={row.mark === 'delete'}
          onChange={() => onToggle?.(row.key)}
        />
      ),
    },
    { header: 'Service', shown: showService, cell: (row) => <a href={hrefOf('services', row.instance.serviceId ?? '')}>{row.instance.serviceId}</a> },
    { header: 'Instance', cell: (row) => row.instance.instanceId },
    { header: 'Zone', cell: (row) => row.instance.zoneId },
    { header: 'IP', cell: (row) => row.instance.ip },
    { header: 'URL', cell: (row) => row.instance.url, marks: () => ({ className: 'muted' }) },
    { header: 'Client status', cell: (row) => (row.instance.status === 'down' && row.pulledOut ? '—' : row.instance.status) },
    { header: 'Discovery', cell: discoveryPill },
    { header: 'Registered', cell: (row) => <Time value={row.instance.metadata?.['creationTime'] ?? null} /> },
    {
      header: 'History',
      shown: onHistory !== undefined,
      cell: (row) => (
        <button type="button" onClick={() => onHistory?.(row)}>
          History
        </button>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(row) => row.key}
      rowMarks={(row) => ({ className: row.mark === null ? undefined : `mark-${row.mark}`, 'data-instance': row.instance.instanceId ?? '', 'data-mark': row.mark ?? '' })}
    />
  );
}
