import { useState } from 'react';
import { LogKinds, readLog, type LogKind } from '../api';
import { useSession } from '../auth/session-context';
import { columnsOf, filterAudit, rowTime, type AuditFilter, type AuditRow } from '../logic/audit-filter';
import { download, toCsv } from '../logic/csv';
import { useManagementData } from '../live/use-management-data';
import { AsyncView } from '../shell/async-view';
import { DataTable, type Column } from '../shell/data-table';
import { PageSection } from '../shell/page-section';
import { Time } from '../shell/time';

type Kind = LogKind | 'security';
/** Rows read per query: the newest this many, then filtered here. */
const PAGE = 500;

const toMs = (local: string): number | null => (local === '' ? null : new Date(local).getTime());

/** Every management log (and, for admins, the security log): filter, read, export as CSV. */
export function AuditPage() {
  const session = useSession();
  const { admin } = session;
  const securityLog = session.can('admin') && session.state.kind === 'ready' && !session.state.open;
  const [kind, setKind] = useState<Kind>('instance-operation');
  const [operator, setOperator] = useState('');
  const [service, setService] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [query, setQuery] = useState({ operator: '', service: '' });
  const [logs, reload] = useManagementData(async (): Promise<AuditRow[]> => {
    if (kind === 'security') return [...(await admin.auth.log({ limit: PAGE, ...(query.operator === '' ? {} : { operator: query.operator }) })).entries] as unknown as AuditRow[];
    const answer = await readLog(admin, kind, { limit: PAGE, offset: 0, operatorId: query.operator || null, serviceId: query.service || null });
    return [...(answer.logs ?? [])] as unknown as AuditRow[];
  }, [admin, kind, query]);
  const filter: AuditFilter = { operator, service: kind === 'security' ? '' : service, from: toMs(from), to: toMs(to) };
  const rows = logs.status === 'done' ? filterAudit(logs.data, filter) : [];
  const columns = columnsOf(rows);
  const tableColumns: Column<AuditRow>[] = columns.map((column) => ({
    header: column,
    cell: (row) =>
      column === 'createTime' || column === 'updateTime' || column === 'createdAt' ? <Time value={column === 'createdAt' ? rowTime(row) : (row[column] as number)} /> : String(row[column] ?? ''),
  }));
  return (
    <PageSection title="Audit">
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery({ operator: operator.trim(), service: service.trim() });
        }}
      >
        <label>
          Log
          <select value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
            {(Object.keys(LogKinds) as LogKind[]).map((id) => (
              <option key={id} value={id}>
                {LogKinds[id].label}
              </option>
            ))}
            {securityLog ? <option value="security">Security (logins, users, tokens)</option> : null}
          </select>
        </label>
        <label>
          Operator
          <input value={operator} onChange={(event) => setOperator(event.target.value)} />
        </label>
        <label>
          Service
          <input value={service} disabled={kind === 'security'} onChange={(event) => setService(event.target.value)} />
        </label>
        <label>
          From
          <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label>
          To
          <input type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <button type="submit">Search</button>
        <button type="button" disabled={rows.length === 0} onClick={() => download(`artemis-${kind}-log.csv`, toCsv(columns, rows))}>
          Export CSV
        </button>
        <span className="muted">{logs.status === 'done' ? `${rows.length} of the newest ${logs.data.length}` : ''}</span>
      </form>
      <AsyncView state={logs} what="the log" retry={reload} isEmpty={() => rows.length === 0} empty="Nothing in this log matches.">
        {() => <DataTable columns={tableColumns} rows={rows} rowKey={(row) => String(row.id)} rowMarks={(row) => ({ 'data-log-row': String(row.id) })} />}
      </AsyncView>
    </PageSection>
  );
}
