/** An epoch-millisecond time or ISO text as ISO 8601 to the second, or `-` when absent. */
export function formatTime(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  const date = new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `key=value` pairs of a tag map, comma-separated. */
export function formatTags(tags: Readonly<Record<string, string | null>> | null | undefined): string {
  return Object.entries(tags ?? {})
    .map(([key, value]) => `${key}=${value ?? ''}`)
    .join(',');
}
