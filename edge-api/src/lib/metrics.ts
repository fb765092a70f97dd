/**
 * Request and token metrics in Prometheus text format. One instance per app (no module
 * globals), so tests and Worker isolates never share counts.
 */

/** Seconds; covers a JWKS hit (sub-millisecond) up to a slow transform. */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly tokens = new Map<string, number>();

  recordRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${label(method)}",route="${label(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hKey = `method="${label(method)}",route="${label(route)}"`;
    let h = this.latency.get(hKey);
    if (!h) {
      h = { counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.latency.set(hKey, h);
    }
    LATENCY_BUCKETS.forEach((le, i) => {
      if (seconds <= le) h.counts[i]! += 1;
    });
    h.sum += seconds;
    h.count += 1;
  }

  /** `kind`: embed, dev, session, api-key, service. */
  recordTokenIssued(kind: string): void {
    const key = `kind="${label(kind)}"`;
    this.tokens.set(key, (this.tokens.get(key) ?? 0) + 1);
  }

  render(): string {
    const lines: string[] = [
      "# HELP pixorly_edge_requests_total HTTP requests by route and status.",
      "# TYPE pixorly_edge_requests_total counter",
    ];
    for (const [key, n] of this.requests) lines.push(`pixorly_edge_requests_total{${key}} ${n}`);
    lines.push(
      "# HELP pixorly_edge_request_duration_seconds Time to answer a request.",
      "# TYPE pixorly_edge_request_duration_seconds histogram",
    );
    for (const [key, h] of this.latency) {
      LATENCY_BUCKETS.forEach((le, i) => lines.push(`pixorly_edge_request_duration_seconds_bucket{${key},le="${le}"} ${h.counts[i]}`));
      lines.push(`pixorly_edge_request_duration_seconds_bucket{${key},le="+Inf"} ${h.count}`);
      lines.push(`pixorly_edge_request_duration_seconds_sum{${key}} ${h.sum}`);
      lines.push(`pixorly_edge_request_duration_seconds_count{${key}} ${h.count}`);
    }
    lines.push("# HELP pixorly_edge_tokens_issued_total Tokens issued by kind.", "# TYPE pixorly_edge_tokens_issued_total counter");
    for (const [key, n] of this.tokens) lines.push(`pixorly_edge_tokens_issued_total{${key}} ${n}`);
    return `${lines.join("\n")}\n`;
  }
}
