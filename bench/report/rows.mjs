// The figures of a run as rows of text, shared by the stdout table and the markdown report.
import { int, ms, pct, value } from '../lib/format.mjs';

function goalText(goal) {
  if (goal === null) return '';
  return `${goal.text}: ${goal.met ? 'met' : 'NOT met'}`;
}

/** One row per figure: [scenario, figure, artemis, ceiling, ratio, goal, note]. */
export function figureRows(scenario) {
  if (scenario.skipped) return [[`${scenario.number}. ${scenario.name}`, `skipped: ${scenario.skipped}`, '', '', '', '', '']];
  if (scenario.failed) return [[`${scenario.number}. ${scenario.name}`, `FAILED: ${scenario.failed}`, '', '', '', '', '']];
  return scenario.figures.map((f, i) => [
    i === 0 ? `${scenario.number}. ${scenario.name}` : '',
    f.label,
    value(f),
    f.ceiling === null || f.ceiling === undefined ? '' : value({ ...f, value: f.ceiling }),
    f.unit === 'ms' || f.ratio === null ? '' : pct(f.ratio),
    goalText(f.goal),
    f.note ?? '',
  ]);
}

export const FIGURE_HEADER = ['Scenario', 'Figure', 'Artemis', 'Ceiling', 'Ratio', 'Goal', 'Note'];

/** One row per offered rate of a latency curve, artemis beside the ceiling. */
export function curveRows(curve) {
  const rows = [];
  const count = Math.max(curve.artemis.length, curve.ceiling.length);
  for (let i = 0; i < count; i++) {
    const a = curve.artemis[i];
    const c = curve.ceiling[i];
    const cells = (r) => (r === undefined ? ['', '', '', '', ''] : [int(r.achieved), ms(r.p50), ms(r.p99), ms(r.p999), r.saturated ? 'saturated' : r.serverEventLoopP99 !== null && r.serverEventLoopP99 !== undefined ? ms(r.serverEventLoopP99) : '']);
    rows.push([int((a ?? c).offered), ...cells(a), ...cells(c).slice(0, 4)]);
  }
  return rows;
}

export function curveHeader(unit) {
  return [`Offered ${unit}`, 'Artemis answered', 'p50', 'p99', 'p99.9', 'server loop delay p99', 'Ceiling answered', 'p50', 'p99', 'p99.9'];
}

export function machineLine(run) {
  const m = run.machine;
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; ${m.pinning}; ${m.date}`;
}
