// A scenario's result is a list of figures; a throughput figure carries the ceiling's figure
// measured in the same run, and a figure that a goal speaks of carries the goal and whether it is met.

/**
 * A measured figure. `ceiling` is the bare server's figure in the same unit, when one applies;
 * `decimals` shows a small count with its fraction instead of rounding it to a whole number.
 */
export function figure(label, value, unit, { ceiling = null, goal = null, note = null, decimals = null } = {}) {
  return { label, value, unit, ceiling, ratio: ceiling ? value / ceiling : null, goal, note, decimals };
}

/** A goal: its text, and whether the measured value meets it. */
export function goal(text, met) {
  return { text, met: Boolean(met) };
}

/** What a scenario returns when it cannot run here. */
export function skipped(reason) {
  return { skipped: reason, figures: [] };
}
