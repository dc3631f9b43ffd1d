// Latency summaries. Samples are kept whole (a Float64Array per step) and sorted: at the rates a
// 2-core machine reaches, a step holds at most a few hundred thousand samples.

/** p50/p99/p99.9/max of latencies in ms; null figures when there are no samples. */
export function percentiles(samples, count = samples.length) {
  if (count === 0) return { count: 0, p50: null, p99: null, p999: null, max: null };
  const sorted = Float64Array.from(samples.subarray ? samples.subarray(0, count) : samples.slice(0, count)).sort();
  const at = (q) => sorted[Math.min(count - 1, Math.floor(q * count))];
  return { count, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: sorted[count - 1] };
}

/** A histogram from `perf_hooks.monitorEventLoopDelay`, in ms. */
export function histogramMs(histogram) {
  const ms = (ns) => ns / 1e6;
  return { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean) };
}
