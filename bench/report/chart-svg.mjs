// The latency-against-offered-load chart, drawn as SVG by hand: a few panels, log-scale
// latency, artemis and the ceiling as lines of p50 and p99. No charting dependency for
// a dozen points per line.
const PANEL = { width: 460, height: 300, left: 64, right: 16, top: 36, bottom: 48 };
const COLOURS = { artemis: '#c0392b', ceiling: '#2c3e50' };

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function niceMax(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function panel(title, unit, curve, offsetX) {
  const points = [...curve.artemis, ...curve.ceiling].filter((r) => r.p99 !== null);
  const xMax = niceMax(Math.max(...points.map((r) => r.offered)));
  const yMin = 0.05;
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(10, ...points.map((r) => r.p99))));
  const plotW = PANEL.width - PANEL.left - PANEL.right;
  const plotH = PANEL.height - PANEL.top - PANEL.bottom;
  const x = (v) => offsetX + PANEL.left + (v / xMax) * plotW;
  const y = (v) => PANEL.top + plotH - ((Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH;
  const parts = [];
  parts.push(`<text x="${offsetX + PANEL.width / 2}" y="20" text-anchor="middle" font-weight="bold">${escape(title)}</text>`);
  for (const tick of [0.1, 1, 10, 100, 1000, 10000].filter((t) => t <= yMax)) {
    parts.push(`<line x1="${x(0)}" x2="${x(xMax)}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`);
    parts.push(`<text x="${x(0) - 6}" y="${y(tick) + 4}" text-anchor="end">${tick} ms</text>`);
  }
  for (let i = 0; i <= 4; i++) {
    const v = (xMax * i) / 4;
    parts.push(`<text x="${x(v)}" y="${PANEL.top + plotH + 16}" text-anchor="middle">${v >= 1000 ? `${v / 1000}k` : v}</text>`);
  }
  parts.push(`<text x="${offsetX + PANEL.left + plotW / 2}" y="${PANEL.height - 10}" text-anchor="middle">offered load (${escape(unit)})</text>`);
  parts.push(`<rect x="${x(0)}" y="${PANEL.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  for (const [who, rows] of [['ceiling', curve.ceiling], ['artemis', curve.artemis]]) {
    for (const [q, dash] of [['p50', '4 3'], ['p99', '']]) {
      const valid = rows.filter((r) => r[q] !== null);
      if (valid.length === 0) continue;
      const d = valid.map((r, i) => `${i === 0 ? 'M' : 'L'}${x(r.offered).toFixed(1)},${y(r[q]).toFixed(1)}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${COLOURS[who]}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ''}/>`);
      for (const r of valid) parts.push(`<circle cx="${x(r.offered).toFixed(1)}" cy="${y(r[q]).toFixed(1)}" r="${r.saturated ? 4 : 2.5}" fill="${r.saturated ? 'white' : COLOURS[who]}" stroke="${COLOURS[who]}"/>`);
    }
  }
  return parts.join('\n');
}

/** An SVG with one panel per curve; `curves` is [[title, curve], ...]. */
export function latencyChart(curves, caption) {
  const width = PANEL.width * curves.length;
  const height = PANEL.height + 44;
  const body = curves.map(([title, curve], i) => panel(title, curve.unit, curve, i * PANEL.width)).join('\n');
  const legendY = PANEL.height + 14;
  const legend = [
    ['artemis p99', COLOURS.artemis, ''],
    ['artemis p50', COLOURS.artemis, '4 3'],
    ['ceiling p99', COLOURS.ceiling, ''],
    ['ceiling p50', COLOURS.ceiling, '4 3'],
  ]
    .map(([label, colour, dash], i) => {
      const lx = 70 + i * 150;
      return `<line x1="${lx}" x2="${lx + 30}" y1="${legendY}" y2="${legendY}" stroke="${colour}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ''}/><text x="${lx + 36}" y="${legendY + 4}">${label}</text>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
${body}
${legend}
<text x="${width - 8}" y="${legendY + 22}" text-anchor="end" fill="#555">${escape(caption)}; open circles: saturated (the sweep stops there)</text>
</svg>
`;
}
