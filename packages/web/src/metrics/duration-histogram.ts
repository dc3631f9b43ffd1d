/** One sample line, as prom-client's registry formats it. */
export interface Sample {
  readonly metricName: string;
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
}

/** A metric's samples, as prom-client's registry reads them from a registered metric. */
export interface Samples {
  readonly name: string;
  readonly help: string;
  readonly type: 'histogram';
  readonly aggregator: 'sum';
  readonly values: readonly Sample[];
}

/** Upper bounds in seconds: sub-millisecond hot-path answers up to slow management writes. */
export const DURATION_BUCKETS: readonly number[] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The observations of one label set. */
export class DurationSeries {
  /** Observations per bucket, not cumulative: summed at scrape time. */
  readonly counts = new Float64Array(DURATION_BUCKETS.length);
  sum = 0;
  count = 0;

  constructor(readonly labels: Readonly<Record<string, string | number>>) {}

  /** Records one duration. */
  observe(seconds: number): void {
    let bucket = 0;
    while (bucket < DURATION_BUCKETS.length && seconds > (DURATION_BUCKETS[bucket] as number)) bucket += 1;
    if (bucket < DURATION_BUCKETS.length) this.counts[bucket] = (this.counts[bucket] as number) + 1;
    this.sum += seconds;
    this.count += 1;
  }
}

/**
 * A histogram keyed by route, method and status code, cheap enough for the lean dispatcher:
 * an observation is one map look-up and a few additions, where prom-client's own histogram
 * hashes its label object on every call. It plugs into a prom-client registry as a metric.
 * The label values come from the route table and the node's own answers, so series stay few.
 */
export class DurationHistogram {
  private readonly series = new Map<string, DurationSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  /** The series of a label set, created on first use; callers on hot paths keep it. */
  seriesOf(route: string, method: string, code: number): DurationSeries {
    const key = `${route} ${method} ${code}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = new DurationSeries({ route, method, code });
      this.series.set(key, series);
    }
    return series;
  }

  /** Records one answered request. */
  observe(route: string, method: string, code: number, seconds: number): void {
    this.seriesOf(route, method, code).observe(seconds);
  }

  /** How many observations a series holds (tests and the benchmark read it). */
  count(route: string, method: string, code: number): number {
    return this.series.get(`${route} ${method} ${code}`)?.count ?? 0;
  }

  /** The prom-client view of the histogram, read at scrape time. */
  get(): Samples {
    const values: Sample[] = [];
    for (const series of this.series.values()) {
      let cumulative = 0;
      DURATION_BUCKETS.forEach((le, index) => {
        cumulative += series.counts[index] as number;
        values.push({ metricName: `${this.name}_bucket`, labels: { ...series.labels, le }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { ...series.labels, le: '+Inf' }, value: series.count });
      values.push({ metricName: `${this.name}_sum`, labels: series.labels, value: series.sum });
      values.push({ metricName: `${this.name}_count`, labels: series.labels, value: series.count });
    }
    return { name: this.name, help: this.help, type: 'histogram', values, aggregator: 'sum' };
  }
}
