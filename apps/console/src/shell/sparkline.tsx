/** A small line chart of values, oldest first (drawn as SVG: allowed by the CSP, no inline style). */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const width = 240;
  const height = 48;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((value, index) => `${(index * step).toFixed(1)},${(height - (value / max) * (height - 4) - 2).toFixed(1)}`).join(' ');
  return (
    <svg className="spark" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={`${label}: last ${values.length} s, peak ${max}`}>
      <polyline points={points} />
    </svg>
  );
}
