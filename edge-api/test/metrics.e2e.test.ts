/**
 * `/metrics` end to end: the edge API reads `metrics:operations` from a real convex-local with its
 * service token, and a generation made through the REST API shows in the per-model counters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, generateImage, startRestStack, type Stack } from "./api-v1/setup";

let stack: Stack;

beforeAll(async () => {
  ({ stack } = await startRestStack());
}, 60_000);
afterAll(async () => await stack?.close());

describe("GET /metrics with the backend", () => {
  it("serves generation counters, durations, queue depth and webhook backlog from Convex", async () => {
    const { key } = await createKey(stack, "metrics-ada");
    await generateImage(stack, key);
    const res = await stack.app.request("/metrics");
    expect(res.status).toBe(200);
    const lines = (await res.text()).split("\n");
    expect(lines).toContain("pixorly_backend_up 1");
    expect(lines).toContain('pixorly_generations_total{model="local/aurora",outcome="completed"} 1');
    expect(lines).toContain('pixorly_generations_total{model="local/aurora",outcome="failed"} 0');
    expect(lines).toContain('pixorly_generation_duration_seconds_count{model="local/aurora"} 1');
    expect(lines).toContain('pixorly_queue_jobs{provider="local",state="pending"} 0');
    expect(lines).toContain("pixorly_webhook_deliveries_pending 0");
    // The request histogram has its bucket edge at the 200 ms query-latency SLO (deploy/prometheus/).
    expect(
      lines.some((l) =>
        /^pixorly_edge_request_duration_seconds_bucket\{method="POST",route="[^"]+",le="0\.2"\} \d+$/.test(l),
      ),
    ).toBe(true);
  });
});
