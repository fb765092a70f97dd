import { describe, expect, it } from "vitest";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../../cdn/key-pair";
import { testApp } from "../../../test/helpers";

const convexUp = (async () => new Response(JSON.stringify("1.0"), { status: 200 })) as unknown as typeof fetch;
const convexDown = (async () => {
  throw new TypeError("fetch failed");
}) as unknown as typeof fetch;

describe("/healthz", () => {
  it("is ok when Convex answers /version", async () => {
    const urls: string[] = [];
    const { app } = await testApp({
      deps: { fetch: (async (u: string) => (urls.push(String(u)), convexUp(u))) as typeof fetch },
    });
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", checks: { config: "ok", convex: "ok" } });
    expect(urls).toEqual(["http://convex.test/version"]);
    await app.request("/healthz");
    expect(urls).toHaveLength(1); // cached for a few seconds
  });

  it("is 503 when Convex is unreachable", async () => {
    const { app } = await testApp({ deps: { fetch: convexDown } });
    const res = await app.request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", checks: { config: "ok", convex: "unreachable" } });
  });
});

describe("/metrics", () => {
  it("counts requests by route and status, latency and tokens issued", async () => {
    const { app } = await testApp({ deps: { fetch: convexUp } });
    await app.request("/healthz");
    await app.request("/v1/dev/token", { method: "POST" });
    await app.request("/nope");
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toContain('pixorly_edge_requests_total{method="GET",route="/healthz",status="200"} 1');
    expect(text).toContain('pixorly_edge_requests_total{method="POST",route="/v1/dev/token",status="200"} 1');
    expect(text).toContain('pixorly_edge_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('pixorly_edge_request_duration_seconds_bucket{method="GET",route="/healthz",le="+Inf"} 1');
    expect(text).toContain('pixorly_edge_tokens_issued_total{kind="dev"} 1');
    expect(text).toContain("# TYPE pixorly_edge_request_duration_seconds histogram");
  });

  it("keeps counts per app instance", async () => {
    const a = await testApp();
    const b = await testApp();
    await a.app.request("/v1/dev/token", { method: "POST" });
    expect(await (await b.app.request("/metrics")).text()).not.toContain("tokens_issued_total{");
  });

  it("needs the metrics token when one is configured", async () => {
    const { app } = await testApp({ env: { METRICS_TOKEN: "s3cret" } });
    expect((await app.request("/metrics")).status).toBe(401);
    expect((await app.request("/metrics", { headers: { Authorization: "Bearer nope" } })).status).toBe(401);
    expect((await app.request("/metrics", { headers: { Authorization: "Bearer s3cret" } })).status).toBe(200);
  });

  it("does not exist outside local mode without a metrics token", async () => {
    const cloudfront = cloudFrontEnv(await generateCloudFrontKeyPair("KOPS"));
    const { app } = await testApp({ env: { LOCAL_MODE: "0", ...cloudfront } });
    const res = await app.request("/metrics");
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("pixorly_edge");
    const guarded = await testApp({ env: { LOCAL_MODE: "0", METRICS_TOKEN: "s3cret", ...cloudfront } });
    expect((await guarded.app.request("/metrics")).status).toBe(401);
    expect((await guarded.app.request("/metrics", { headers: { Authorization: "Bearer s3cret" } })).status).toBe(200);
  });
});
