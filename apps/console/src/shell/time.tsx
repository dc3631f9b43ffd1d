/** A time in the browser's zone, with the absolute ISO value on hover. */
export function Time({ value }: { value: number | string | null | undefined }) {
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  const date = new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(date.getTime())) return <span>{String(value)}</span>;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {date.toLocaleString()}
    </time>
  );
}
