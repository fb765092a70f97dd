/**
 * The SLO rules in deploy/prometheus/ (docs/deployment.md, "SLOs and alerts") against what `/metrics` really
 * exposes: every metric a rule or dashboard panel reads is rendered by the edge API (its own request metrics
 * plus the backend snapshot, exactly as routes/ops/metrics.ts concatenates them), with Prometheus' naming and
 * types; every alert states its target and has a summary, description and runbook; the Grafana dashboard reads
 * only those series. With Debian's `promtool` (package `prometheus`, installed by .ci/run) the rules are also
 * checked and unit-tested on synthetic series (deploy/prometheus/rules.test.yml), and a copy with a loosened
 * threshold must fail those tests.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { LATENCY_BUCKETS, Metrics } from "../edge-api/src/lib/metrics";
import { renderBackendMetrics, type Operations } from "../edge-api/src/routes/ops/backend-metrics";

const root = resolve(__dirname, "..");
const dir = join(root, "deploy", "prometheus");
const read = (file: string) => readFileSync(join(dir, file), "utf8");

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const groupsOf = (file: string): { name: string; rules: Rule[] }[] => parseYaml(read(file)).groups;
const recording = groupsOf("recording-rules.yml").flatMap((g) => g.rules);
const alerts = groupsOf("alert-rules.yml").flatMap((g) => g.rules);

/** What GET /metrics answers: the edge's own series, then the backend's (routes/ops/metrics.ts). */
function renderMetrics(): string {
  const metrics = new Metrics();
  metrics.recordRequest("GET", "/v1/images", 200, 0.03);
  metrics.recordRequest("POST", "/v1/embed/tokens", 201, 0.004);
  metrics.recordTokenIssued("embed");
  const ops: Operations = {
    generations: [{ model: "local/aurora", completed: 3, failed: 1, durationMsSum: 9_000, durationCount: 3 }],
    hourly: [],
    queue: [{ provider: "local", pending: 1, processing: 0 }],
    webhooks: { pending: 0, overdueMs: 0 },
    capped: false,
  };
  return metrics.render() + renderBackendMetrics(ops);
}

/** Metric family name → type, from the `# TYPE` lines. */
function typesOf(text: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(m[1]!, m[2]!);
  return types;
}

/** The sample names a family of this type has in the text format. */
function sampleNames(family: string, type: string): string[] {
  if (type === "histogram") return [`${family}_bucket`, `${family}_sum`, `${family}_count`];
  if (type === "summary") return [family, `${family}_sum`, `${family}_count`];
  return [family];
}

/** Metric names an expression reads (label values and strings removed first). */
function namesIn(expr: string): string[] {
  const code = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...new Set(code.match(/\b(?:[a-z_]+:)?pixorly[_:][a-z0-9_:]*[a-z0-9_]/g) ?? [])];
}

describe("/metrics exposes what the SLOs need", () => {
  const text = renderMetrics();
  const types = typesOf(text);

  it("with Prometheus types and names: counters end in _total, durations are _seconds histograms or summaries", () => {
    expect(Object.fromEntries(types)).toMatchObject({
      pixorly_edge_requests_total: "counter",
      pixorly_edge_request_duration_seconds: "histogram",
      pixorly_generations_total: "counter",
      pixorly_generation_duration_seconds: "summary",
      pixorly_backend_up: "gauge",
    });
    for (const [family, type] of types) {
      if (type === "counter") expect(family, family).toMatch(/_total$/);
      if (family.endsWith("_total")) expect(type, family).toBe("counter");
      if (/duration/.test(family)) expect(family, family).toMatch(/_seconds$/);
      expect(text, `${family} has HELP`).toContain(`# HELP ${family} `);
    }
  });

  it("has a latency bucket edge at the 200 ms query-latency target", () => {
    expect(LATENCY_BUCKETS).toContain(0.2);
    expect(text).toMatch(
      /^pixorly_edge_request_duration_seconds_bucket\{method="GET",route="\/v1\/images",le="0\.2"\} 1$/m,
    );
  });

  it("says pixorly_backend_up 0 when Convex does not answer", () => {
    expect(renderBackendMetrics(null).split("\n")).toContain("pixorly_backend_up 0");
  });
});

describe("deploy/prometheus rules", () => {
  // Sample names, plus family names (which texts such as runbooks use).
  const exposed = new Set(
    [...typesOf(renderMetrics())].flatMap(([family, type]) => [family, ...sampleNames(family, type)]),
  );
  const recorded = new Set(recording.map((r) => r.record!));

  it("record level:metric:operation names and read only metrics /metrics exposes", () => {
    expect(recording.length).toBeGreaterThan(0);
    for (const rule of recording) {
      expect(rule.record, JSON.stringify(rule)).toMatch(/^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/);
      for (const name of namesIn(rule.expr)) {
        expect(
          exposed.has(name) || recorded.has(name),
          `${rule.record} reads ${name}, which /metrics does not expose`,
        ).toBe(true);
      }
    }
    for (const name of [
      "job:pixorly_up:max",
      "job:pixorly_generation_failures:ratio_rate5m",
      "job:pixorly_generation_failures:ratio_rate1h",
      "job:pixorly_generation_duration_seconds:mean_rate5m",
      "job:pixorly_api_request_duration_seconds:p95_5m",
      "job:pixorly_up:avg_over_time_30d",
    ]) {
      expect(recorded, name).toContain(name);
    }
  });

  it("alert on the seed's targets, each with severity, summary, description and a runbook", () => {
    const byName = Object.fromEntries(alerts.map((a) => [a.alert!, a]));
    expect(byName.PixorlyGenerationFailureRateHigh).toMatchObject({
      expr: expect.stringMatching(/> 0\.01$/),
      for: "10m",
    });
    expect(byName.PixorlyGenerationTimeHigh).toMatchObject({ expr: expect.stringMatching(/> 30$/) });
    expect(byName.PixorlyApiLatencyHigh).toMatchObject({ expr: expect.stringMatching(/p95_5m\{.*\} > 0\.2$/) });
    expect(byName.PixorlyBackendDown).toMatchObject({
      expr: expect.stringMatching(/^job:pixorly_up:max\{.*\} == 0$/),
      for: "2m",
    });
    for (const alert of alerts) {
      expect(["page", "warn"], alert.alert).toContain(alert.labels?.severity);
      for (const key of ["summary", "description", "runbook"])
        expect(alert.annotations?.[key]?.length, `${alert.alert} ${key}`).toBeGreaterThan(10);
      expect(alert.annotations!.runbook).toContain("docs/deployment.md#slos-and-alerts");
      for (const name of namesIn(alert.expr + alert.annotations!.description + alert.annotations!.runbook)) {
        expect(
          exposed.has(name) || recorded.has(name),
          `${alert.alert} names ${name}, which is neither exposed nor recorded`,
        ).toBe(true);
      }
    }
    expect(readFileSync(join(root, "docs", "deployment.md"), "utf8")).toMatch(/^#+ SLOs and alerts$/m);
  });

  it("the Grafana dashboard (grafana-dashboard.json) shows the four targets and reads only exposed or recorded series", () => {
    const dashboard = JSON.parse(read("grafana-dashboard.json")) as {
      uid: string;
      panels: {
        title: string;
        targets: { expr: string }[];
        fieldConfig: { defaults: { thresholds: { steps: { value: number | null }[] } } };
      }[];
    };
    expect(dashboard.uid).toBe("pixorly-slos");
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    for (const expr of exprs) {
      for (const name of namesIn(expr))
        expect(exposed.has(name) || recorded.has(name), `dashboard reads ${name}`).toBe(true);
    }
    const thresholds = dashboard.panels.flatMap((p) =>
      p.fieldConfig.defaults.thresholds.steps.map((step) => step.value),
    );
    expect(thresholds).toEqual(expect.arrayContaining([0.999, 0.01, 30, 0.2]));
    expect(exprs).toEqual(expect.arrayContaining(['job:pixorly_up:avg_over_time_30d{job="pixorly-edge"}']));
  });
});

const promtool = spawnSync("promtool", ["--version"]).status === 0;
const promtoolNote = promtool
  ? ""
  : " (SKIPPED: promtool not found — `apt-get install prometheus`; .ci/run installs it)";
if (!promtool) console.warn(`tests/slo-rules.test.ts: promtool checks${promtoolNote}`);

describe.skipIf(!promtool)(`promtool${promtoolNote}`, () => {
  const run = (args: string[], cwd = dir) => {
    const r = spawnSync("promtool", args, { cwd, encoding: "utf8", timeout: 60_000 });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  };
  const tmp = mkdtempSync(join(tmpdir(), "slo-rules-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("check rules and check config accept the files", () => {
    const rules = run(["check", "rules", "recording-rules.yml", "alert-rules.yml"]);
    expect(rules.status, rules.output).toBe(0);
    // --syntax-only: the example's token file exists only on the Prometheus host.
    const config = run(["check", "config", "--syntax-only", "prometheus.yml"]);
    expect(config.status, config.output).toBe(0);
  });

  it("test rules: each alert fires on a missed target and stays quiet otherwise (rules.test.yml)", () => {
    const result = run(["test", "rules", "rules.test.yml"]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain("SUCCESS");
  });

  it("the unit tests catch a loosened threshold (a copy with a 5 % failure target fails them)", () => {
    cpSync(dir, tmp, { recursive: true });
    const file = join(tmp, "alert-rules.yml");
    const original = readFileSync(file, "utf8");
    const loosened = original.replace(
      'ratio_rate5m{job="pixorly-edge"} > 0.01',
      'ratio_rate5m{job="pixorly-edge"} > 0.05',
    );
    expect(loosened).not.toBe(original);
    writeFileSync(file, loosened);
    const result = run(["test", "rules", "rules.test.yml"], tmp);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("PixorlyGenerationFailureRateHigh");
  });
});
