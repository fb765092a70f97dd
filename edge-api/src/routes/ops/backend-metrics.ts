/**
 * The backend's part of `/metrics`: generation outcomes and durations per model, queue depth per
 * provider and the webhook backlog, read from Convex (`metrics:operations`, service token only) at
 * each scrape and rendered as Prometheus text. Totals are counters (Prometheus derives rates over
 * time from them); queue and backlog are gauges. When Convex cannot answer, only
 * `pixorly_backend_up 0` is rendered, so a scrape still shows the edge's own metrics and the outage.
 */
import { api } from "../../lib/convex-api";

export interface OperationsRow {
  model: string;
  completed: number;
  failed: number;
  durationMsSum: number;
  durationCount: number;
}

export interface Operations {
  generations: OperationsRow[];
  hourly: { hour: string; rows: OperationsRow[] }[];
  queue: { provider: string; pending: number; processing: number }[];
  webhooks: { pending: number; overdueMs: number };
  capped: boolean;
}

export const metricsOperations = api.metrics.operations;

function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** Prometheus text for `ops`, or the outage line when it is null. */
export function renderBackendMetrics(ops: Operations | null): string {
  const lines = [
    "# HELP pixorly_backend_up Whether Convex answered the operations query for this scrape.",
    "# TYPE pixorly_backend_up gauge",
  ];
  lines.push(`pixorly_backend_up ${ops ? 1 : 0}`);
  if (!ops) return lines.join("\n") + "\n";
  lines.push(
    "# HELP pixorly_generations_total Finished generation jobs by model and outcome.",
    "# TYPE pixorly_generations_total counter",
  );
  for (const r of ops.generations) {
    const model = label(r.model);
    lines.push(`pixorly_generations_total{model="${model}",outcome="completed"} ${r.completed}`);
    lines.push(`pixorly_generations_total{model="${model}",outcome="failed"} ${r.failed}`);
  }
  lines.push(
    "# HELP pixorly_generation_duration_seconds Time from start to completion of completed generation jobs, by model.",
    "# TYPE pixorly_generation_duration_seconds summary",
  );
  for (const r of ops.generations) {
    const model = label(r.model);
    lines.push(`pixorly_generation_duration_seconds_sum{model="${model}"} ${r.durationMsSum / 1000}`);
    lines.push(`pixorly_generation_duration_seconds_count{model="${model}"} ${r.durationCount}`);
  }
  lines.push(
    "# HELP pixorly_queue_jobs Generation jobs waiting or running, by provider.",
    "# TYPE pixorly_queue_jobs gauge",
  );
  for (const q of ops.queue) {
    const provider = label(q.provider);
    lines.push(`pixorly_queue_jobs{provider="${provider}",state="pending"} ${q.pending}`);
    lines.push(`pixorly_queue_jobs{provider="${provider}",state="processing"} ${q.processing}`);
  }
  lines.push(
    "# HELP pixorly_webhook_deliveries_pending Webhook deliveries waiting for their first attempt or a retry.",
    "# TYPE pixorly_webhook_deliveries_pending gauge",
    `pixorly_webhook_deliveries_pending ${ops.webhooks.pending}`,
    "# HELP pixorly_webhook_oldest_overdue_seconds How long past due the most overdue pending delivery is (0 when none is).",
    "# TYPE pixorly_webhook_oldest_overdue_seconds gauge",
    `pixorly_webhook_oldest_overdue_seconds ${ops.webhooks.overdueMs / 1000}`,
    "# HELP pixorly_backend_counts_capped 1 when a queue or backlog count reached its cap and is a lower bound.",
    "# TYPE pixorly_backend_counts_capped gauge",
    `pixorly_backend_counts_capped ${ops.capped ? 1 : 0}`,
  );
  return lines.join("\n") + "\n";
}
