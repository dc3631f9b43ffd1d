import type { LiveInstance } from '../live/live-reducer';
import { hrefOf } from '../shell/router';
import { Time } from '../shell/time';

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
  const selectable = selected !== undefined && onToggle !== undefined;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {selectable ? (
              <th>
                <span className="sr-only">Select</span>
              </th>
            ) : null}
            {showService ? <th>Service</th> : null}
            <th>Instance</th>
            <th>Zone</th>
            <th>IP</th>
            <th>URL</th>
            <th>Client status</th>
            <th>Discovery</th>
            <th>Registered</th>
            {onHistory !== undefined ? <th>History</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const instance = row.instance;
            const created = instance.metadata?.['creationTime'] ?? null;
            return (
              <tr key={row.key} className={row.mark === null ? undefined : `mark-${row.mark}`} data-instance={instance.instanceId ?? ''} data-mark={row.mark ?? ''}>
                {selectable ? (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`select ${String(instance.instanceId)}`}
                      checked={selected.has(row.key)}
                      disabled={row.mark === 'delete'}
                      onChange={() => onToggle(row.key)}
                    />
                  </td>
                ) : null}
                {showService ? (
                  <td>
                    <a href={hrefOf('services', instance.serviceId ?? '')}>{instance.serviceId}</a>
                  </td>
                ) : null}
                <td>{instance.instanceId}</td>
                <td>{instance.zoneId}</td>
                <td>{instance.ip}</td>
                <td className="muted">{instance.url}</td>
                <td>{instance.status === 'down' && row.pulledOut ? '—' : instance.status}</td>
                <td>{row.mark === 'delete' ? <span className="pill">gone</span> : row.pulledOut ? <span className="pill pill-out">pulled out</span> : <span className="pill pill-up">served</span>}</td>
                <td>
                  <Time value={created} />
                </td>
                {onHistory !== undefined ? (
                  <td>
                    <button type="button" onClick={() => onHistory(row)}>
                      History
                    </button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
