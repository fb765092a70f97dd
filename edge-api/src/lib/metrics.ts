/**
 * Request and token metrics in Prometheus text format. One instance per app (no module
 * globals), so tests and Worker isolates never share counts.
 *
 * Recording is on every request's path, so the label text of a series is escaped once, when
 * the series first appears, and a sample is a map lookup and a few additions. Routes are
 * matched patterns and methods are HTTP methods, so the number of series stays bounded.
 */

/**
 * Seconds; covers a JWKS hit (sub-millisecond) up to a slow transform. 0.2 is the query-latency SLO
 * (deploy/prometheus/alert-rules.yml), so its p95 is read at a bucket edge rather than interpolated.
 */
export const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2.5, 5, 10];

/** One method and route: its latency histogram and its count per status. */
interface RouteSeries {
  /** `method="…",route="…"`, escaped once. */
  labels: string;
  statuses: Map<number, number>;
  /** Per bucket, the samples that fell into it (not cumulative; `render` sums them). */
  buckets: number[];
  sum: number;
  count: number;
}

function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

export class Metrics {
  private readonly series = new Map<string, RouteSeries>();
  private readonly tokens = new Map<string, number>();

  recordRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route}`;
    let s = this.series.get(key);
    if (!s) {
      s = {
        labels: `method="${label(method)}",route="${label(route)}"`,
        statuses: new Map(),
        buckets: LATENCY_BUCKETS.map(() => 0),
        sum: 0,
        count: 0,
      };
      this.series.set(key, s);
    }
    s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[bucket]!) bucket++;
    if (bucket < LATENCY_BUCKETS.length) s.buckets[bucket]! += 1;
    s.sum += seconds;
    s.count += 1;
  }

  /** `kind`: embed, dev, session, api-key, service. */
  recordTokenIssued(kind: string): void {
    this.tokens.set(kind, (this.tokens.get(kind) ?? 0) + 1);
  }

  render(): string {
    const lines: string[] = [
      "# HELP pixorly_edge_requests_total HTTP requests by route and status.",
      "# TYPE pixorly_edge_requests_total counter",
    ];
    for (const s of this.series.values()) {
      for (const [status, n] of s.statuses)
        lines.push(`pixorly_edge_requests_total{${s.labels},status="${status}"} ${n}`);
    }
    lines.push(
      "# HELP pixorly_edge_request_duration_seconds Time to answer a request.",
      "# TYPE pixorly_edge_request_duration_seconds histogram",
    );
    for (const s of this.series.values()) {
      let cumulative = 0;
      LATENCY_BUCKETS.forEach((le, i) => {
        cumulative += s.buckets[i]!;
        lines.push(`pixorly_edge_request_duration_seconds_bucket{${s.labels},le="${le}"} ${cumulative}`);
      });
      lines.push(`pixorly_edge_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`);
      lines.push(`pixorly_edge_request_duration_seconds_sum{${s.labels}} ${s.sum}`);
      lines.push(`pixorly_edge_request_duration_seconds_count{${s.labels}} ${s.count}`);
    }
    lines.push(
      "# HELP pixorly_edge_tokens_issued_total Tokens issued by kind.",
      "# TYPE pixorly_edge_tokens_issued_total counter",
    );
    for (const [kind, n] of this.tokens) lines.push(`pixorly_edge_tokens_issued_total{kind="${label(kind)}"} ${n}`);
    return `${lines.join("\n")}\n`;
  }
}
