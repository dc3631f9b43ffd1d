// Number formatting shared by the progress lines, the table and the markdown report.
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function int(n) {
  return n === null || n === undefined || Number.isNaN(n) ? '-' : grouped.format(Math.round(n));
}

export function ms(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '-';
  if (n >= 100) return `${n.toFixed(0)} ms`;
  if (n >= 10) return `${n.toFixed(1)} ms`;
  return `${n.toFixed(2)} ms`;
}

export function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function pct(ratio) {
  return ratio === null || ratio === undefined || Number.isNaN(ratio) ? '-' : `${(ratio * 100).toFixed(0)} %`;
}

/** Renders a figure's value with its unit. */
export function value(figure) {
  const v = figure.value;
  switch (figure.unit) {
    case 'ms':
      return ms(v);
    case 'bytes':
      return v >= 1024 * 1024 ? mib(v) : `${int(v)} B`;
    case 'MiB':
      return `${v.toFixed(1)} MiB`;
    case 's':
      return `${v.toFixed(2)} s`;
    case 'text':
      return String(v);
    default: {
      const shown = typeof figure.decimals === 'number' && !Number.isNaN(v) ? v.toFixed(figure.decimals) : int(v);
      return `${shown}${figure.unit ? ` ${figure.unit}` : ''}`;
    }
  }
}
