import { useState } from 'react';
import { useLive } from '../live/live-context';
import { serviceRows, type ServiceRow, type ServiceSort } from '../logic/instance-filter';
import { DataTable, type Column } from '../shell/data-table';
import { hrefOf } from '../shell/router';
import { Empty, ErrorState, Loading } from '../shell/states';

/** Every service, searchable and sortable, with its instances per zone; live. */
export function ServicesPage() {
  const live = useLive();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<ServiceSort>('name');
  const [descending, setDescending] = useState(false);
  const { state } = live;
  if (!state.loaded) return live.error !== null ? <ErrorState error={live.error} retry={() => void live.refresh()} /> : <Loading what="services" />;
  const rows = serviceRows(state.services.values(), query, sort, descending);
  const sortable = (id: ServiceSort, label: string): Pick<Column<ServiceRow>, 'header' | 'headerMarks'> => ({
    headerMarks: { 'aria-sort': sort === id ? (descending ? 'descending' : 'ascending') : 'none' },
    header: (
      <button
        type="button"
        className="sort"
        onClick={() => {
          if (sort === id) setDescending(!descending);
          else {
            setSort(id);
            setDescending(id !== 'name');
          }
        }}
      >
        {label} {sort === id ? (descending ? '▼' : '▲') : ''}
      </button>
    ),
  });
  const columns: Column<ServiceRow>[] = [
    { ...sortable('name', 'Service'), cell: (row) => <a href={hrefOf('services', row.serviceId)}>{row.serviceId}</a> },
    { ...sortable('instances', 'Instances'), cell: (row) => row.total },
    { ...sortable('pulled-out', 'Pulled out'), cell: (row) => (row.pulledOut > 0 ? <span className="pill pill-out">{row.pulledOut}</span> : 0) },
    {
      header: 'Per zone',
      cell: (row) =>
        Object.entries(row.zones)
          .sort()
          .map(([zone, count]) => `${zone}: ${count}`)
          .join(', '),
    },
  ];
  return (
    <section aria-labelledby="services-title">
      <h1 id="services-title">Services</h1>
      <div className="toolbar">
        <label>
          Search
          <input type="search" value={query} placeholder="service id" onChange={(event) => setQuery(event.target.value)} />
        </label>
        <span className="muted">
          {rows.length} of {state.services.size} services
        </span>
      </div>
      {state.services.size === 0 ? (
        <Empty>No service is registered yet. Instances appear here as soon as they register.</Empty>
      ) : rows.length === 0 ? (
        <Empty>No service matches “{query}”.</Empty>
      ) : (
        <DataTable columns={columns} rows={rows} rowKey={(row) => row.serviceId} rowMarks={(row) => ({ 'data-service': row.serviceId })} />
      )}
    </section>
  );
}
