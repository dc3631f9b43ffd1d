function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Formats epoch milliseconds as `yyyy-MM-dd HH:mm:ss.SSS` in the server's time zone, as Java's leases status does. */
export function formatLeaseTime(epochMs: number): string {
  const date = new Date(epochMs);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
  );
}
