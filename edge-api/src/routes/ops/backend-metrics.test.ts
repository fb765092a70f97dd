import { describe, expect, it } from "vitest";
import { testApp } from "../../../test/helpers";
import type { Operations } from "./backend-metrics";

const ops: Operations = {
  generations: [
    { model: "local/aurora", completed: 5, failed: 2, durationMsSum: 12_500, durationCount: 5 },
    { model: 'odd"model', completed: 1, failed: 0, durationMsSum: 1_000, durationCount: 1 },
  ],
  hourly: [],
  queue: [
    { provider: "local", pending: 3, processing: 1 },
    { provider: "openrouter", pending: 0, processing: 2 },
  ],
  webhooks: { pending: 4, overdueMs: 90_000 },
  capped: false,
};

describe("/metrics backend series", () => {
  it("renders generations per model, durations, queue depth and webhook backlog from metrics:operations, asked with the service token", async () => {
    const { app, convex } = await testApp({ convex: { "metrics:operations": () => ops } });
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const line of [
      "pixorly_backend_up 1",
      "# TYPE pixorly_generations_total counter",
      'pixorly_generations_total{model="local/aurora",outcome="completed"} 5',
      'pixorly_generations_total{model="local/aurora",outcome="failed"} 2',
      'pixorly_generations_total{model="odd\\"model",outcome="completed"} 1',
      "# TYPE pixorly_generation_duration_seconds summary",
      'pixorly_generation_duration_seconds_sum{model="local/aurora"} 12.5',
      'pixorly_generation_duration_seconds_count{model="local/aurora"} 5',
      'pixorly_queue_jobs{provider="local",state="pending"} 3',
      'pixorly_queue_jobs{provider="openrouter",state="processing"} 2',
      "pixorly_webhook_deliveries_pending 4",
      "pixorly_webhook_oldest_overdue_seconds 90",
      "pixorly_backend_counts_capped 0",
    ]) {
      expect(text.split("\n")).toContain(line);
    }
    // The edge's own series are still there.
    expect(text).toContain("# TYPE pixorly_edge_requests_total counter");
    const call = convex.calls.find((c) => c.name === "metrics:operations")!;
    const claims = JSON.parse(Buffer.from(call.token!.split(".")[1]!, "base64url").toString());
    expect(claims.scp).toEqual(["service"]);
  });

  it("when Convex fails, says so with pixorly_backend_up 0 and still serves the edge's metrics (no error text leaks)", async () => {
    const { app } = await testApp({
      convex: {
        "metrics:operations": () => {
          throw new Error("secret internal detail");
        },
      },
    });
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split("\n")).toContain("pixorly_backend_up 0");
    expect(text).not.toContain("pixorly_generations_total{");
    expect(text).not.toContain("secret internal detail");
    expect(text).toContain("# TYPE pixorly_edge_requests_total counter");
  });

  it("is not asked for without the metrics token when one is configured", async () => {
    const { app, convex } = await testApp({
      env: { METRICS_TOKEN: "s3cret" },
      convex: { "metrics:operations": () => ops },
    });
    expect((await app.request("/metrics")).status).toBe(401);
    expect(convex.calls.map((c) => c.name)).not.toContain("metrics:operations");
  });
});
