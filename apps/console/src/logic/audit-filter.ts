/** A log row as the audit page handles every kind alike. */
export type AuditRow = Readonly<Record<string, unknown>> & { readonly id: number };

/** What the audit page filters by; empty matches everything. */
export interface AuditFilter {
  readonly operator: string;
  readonly service: string;
  /** Epoch ms bounds, inclusive; null for open. */
  readonly from: number | null;
  readonly to: number | null;
}

/** The row's time in epoch ms: management logs carry `createTime` (ms), the security log `createdAt` (ISO). */
export function rowTime(row: AuditRow): number | null {
  if (typeof row['createTime'] === 'number') return row['createTime'];
  if (typeof row['createdAt'] === 'string') {
    const time = Date.parse(row['createdAt']);
    return Number.isNaN(time) ? null : time;
  }
  return null;
}

/** Rows passing the filter (operator and service case-insensitive, exact; time within the bounds). */
export function filterAudit(rows: readonly AuditRow[], filter: AuditFilter): AuditRow[] {
  const operator = filter.operator.trim().toLowerCase();
  const service = filter.service.trim().toLowerCase();
  return rows.filter((row) => {
    const who = String(row['operatorId'] ?? row['operator'] ?? '').toLowerCase();
    if (operator !== '' && who !== operator) return false;
    if (service !== '' && String(row['serviceId'] ?? '').toLowerCase() !== service) return false;
    const time = rowTime(row);
    if (filter.from !== null && (time === null || time < filter.from)) return false;
    if (filter.to !== null && (time === null || time > filter.to)) return false;
    return true;
  });
}

/** The columns of a set of rows: the union of their keys, `id` first and times next. */
export function columnsOf(rows: readonly AuditRow[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  const first = ['id', 'createTime', 'createdAt', 'operatorId', 'operator', 'operation', 'event'].filter((key) => keys.has(key));
  return [...first, ...[...keys].filter((key) => !first.includes(key)).sort()];
}
