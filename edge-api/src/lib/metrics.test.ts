import { describe, expect, it } from "vitest";
import { Metrics } from "./metrics";

describe("Metrics", () => {
  it("counts by method, route and status, with cumulative latency buckets", () => {
    const metrics = new Metrics();
    metrics.recordRequest("GET", "/a", 200, 0.0005);
    metrics.recordRequest("GET", "/a", 200, 0.02);
    metrics.recordRequest("GET", "/a", 404, 20);
    metrics.recordRequest("POST", '/b"\\', 201, 0.001);
    const text = metrics.render();
    expect(text).toContain('pixorly_edge_requests_total{method="GET",route="/a",status="200"} 2');
    expect(text).toContain('pixorly_edge_requests_total{method="GET",route="/a",status="404"} 1');
    expect(text).toContain('pixorly_edge_requests_total{method="POST",route="/b\\"\\\\",status="201"} 1');
    expect(text).toContain('pixorly_edge_request_duration_seconds_bucket{method="GET",route="/a",le="0.001"} 1');
    expect(text).toContain('pixorly_edge_request_duration_seconds_bucket{method="GET",route="/a",le="0.025"} 2');
    expect(text).toContain('pixorly_edge_request_duration_seconds_bucket{method="GET",route="/a",le="10"} 2');
    expect(text).toContain('pixorly_edge_request_duration_seconds_bucket{method="GET",route="/a",le="+Inf"} 3');
    expect(text).toContain('pixorly_edge_request_duration_seconds_count{method="GET",route="/a"} 3');
    expect(text).toContain(
      'pixorly_edge_request_duration_seconds_bucket{method="POST",route="/b\\"\\\\",le="0.001"} 1',
    );
  });

  it("has a bucket edge at the 200 ms query-latency SLO: 0.2 s is within it, 0.21 s is not", () => {
    const metrics = new Metrics();
    metrics.recordRequest("GET", "/q", 200, 0.2);
    metrics.recordRequest("GET", "/q", 200, 0.21);
    const text = metrics.render();
    expect(text).toContain('pixorly_edge_request_duration_seconds_bucket{method="GET",route="/q",le="0.1"} 0');
    expect(text).toContain('pixorly_edge_request_duration_seconds_bucket{method="GET",route="/q",le="0.2"} 1');
    expect(text).toContain('pixorly_edge_request_duration_seconds_bucket{method="GET",route="/q",le="0.25"} 2');
  });
});
