// The table printed on stdout at the end of a run.
import { curveHeader, curveRows, FIGURE_HEADER, figureRows, machineLine } from './rows.mjs';

function render(header, rows) {
  const widths = header.map((h, c) => Math.min(70, Math.max(h.length, ...rows.map((r) => String(r[c]).length))));
  const line = (cells) => cells.map((cell, c) => String(cell).slice(0, 70).padEnd(widths[c])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function printTable(run) {
  const out = [];
  out.push(`Artemis benchmark (${run.mode}, ${run.seconds.toFixed(0)} s): ${machineLine(run)}`, '');
  out.push(render(FIGURE_HEADER, run.scenarios.flatMap(figureRows)));
  for (const scenario of run.scenarios) {
    for (const [name, curve] of Object.entries(scenario.curves ?? {})) {
      out.push('', `Latency against offered load: ${name}`, render(curveHeader(curve.unit), curveRows(curve)));
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
