/**
 * The demo site's error monitoring and product analytics (issue 17): only when configured, nothing private
 * in what they capture, and none of it in the elements partners embed.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startErrorMonitoring } from "../demo/src/error-monitoring";
import { productEventOf, watchStudio, withoutQueries } from "../demo/src/product-analytics";
import { observability } from "../demo/observability-plugin";

const PROMPT = "a lighthouse keeper's secret garden";

function studioEvent(type: string, detail: unknown): Event {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}

describe("demo product analytics", () => {
  it("records generation started, completed, failed and the model chosen, without prompt text", () => {
    const captured: { name: string; properties: Record<string, unknown> }[] = [];
    const page = new EventTarget();
    const stop = watchStudio(page, (name, properties) => captured.push({ name, properties }));
    const job = {
      _id: "j1",
      model: "local/aurora",
      prompt: PROMPT,
      negativePrompt: "fog",
      imageIds: ["i1", "i2"],
      createdAt: 1000,
      completedAt: 4500,
    };
    page.dispatchEvent(
      studioEvent("pixorly-job-created", {
        jobId: "j1",
        model: "local/aurora",
        request: { prompt: PROMPT, model: "local/aurora" },
      }),
    );
    page.dispatchEvent(studioEvent("pixorly-job-completed", { jobId: "j1", job }));
    page.dispatchEvent(
      studioEvent("pixorly-job-failed", {
        jobId: "j2",
        job: { ...job, _id: "j2" },
        error: { code: "PROVIDER_ERROR", message: `could not draw ${PROMPT}` },
      }),
    );
    page.dispatchEvent(
      studioEvent("pixorly-model-change", { value: "local/mosaic", model: { id: "local/mosaic", name: "Mosaic" } }),
    );
    page.dispatchEvent(studioEvent("pixorly-image-selected", { image: { prompt: PROMPT } }));
    stop();
    page.dispatchEvent(studioEvent("pixorly-job-created", { jobId: "j3" }));
    expect(captured).toEqual([
      { name: "generation_started", properties: { job_id: "j1", model: "local/aurora", retry: false } },
      {
        name: "generation_completed",
        properties: { job_id: "j1", model: "local/aurora", images: 2, duration_ms: 3500 },
      },
      { name: "generation_failed", properties: { job_id: "j2", model: "local/aurora", error_code: "PROVIDER_ERROR" } },
      { name: "model_chosen", properties: { model: "local/mosaic", compare: false } },
    ]);
    expect(JSON.stringify(captured)).not.toContain("lighthouse");
    expect(productEventOf(new Event("click"))).toBeNull();
  });

  it("strips queries from the page addresses PostHog records", () => {
    const event = withoutQueries({
      properties: {
        $current_url: "https://pixorly.dev/studio.html?token=abc#x",
        $referrer: "https://a.test/?q=1",
        other: "kept?yes",
      },
    });
    expect(event.properties).toEqual({
      $current_url: "https://pixorly.dev/studio.html",
      $referrer: "https://a.test/",
      other: "kept?yes",
    });
  });
});

describe("demo error monitoring", () => {
  it("reports an uncaught error, scrubbed, with release, environment and the API's request id", async () => {
    const target = Object.assign(new EventTarget(), {
      location: { href: "https://pixorly.dev/keys.html?token=abc", pathname: "/keys.html" },
    });
    const bodies: string[] = [];
    const stop = startErrorMonitoring(
      { dsn: "https://pk@sentry.test/3", release: "r9", environment: "staging" },
      target as unknown as Window,
      async (_url, init) => {
        bodies.push(init.body);
        return { ok: true, status: 200 };
      },
    );
    const error = Object.assign(new Error("key pxs_abcdef0123456 refused for ada@example.com"), { requestId: "req-5" });
    target.dispatchEvent(Object.assign(new Event("error"), { error }));
    stop();
    target.dispatchEvent(Object.assign(new Event("error"), { error }));
    expect(bodies).toHaveLength(1);
    const event = JSON.parse(bodies[0]!.trimEnd().split("\n")[2]!);
    expect(event).toMatchObject({
      release: "r9",
      environment: "staging",
      tags: { service: "demo", request_id: "req-5", page: "/keys.html" },
      request: { url: "https://pixorly.dev/keys.html" },
    });
    for (const secret of ["pxs_abcdef0123456", "ada@example.com", "token=abc"]) expect(bodies[0]).not.toContain(secret);
  });

  it("puts nothing on the pages without SENTRY_DSN or POSTHOG_API_KEY", () => {
    const html = (env: Record<string, string | undefined>) => {
      const hook = observability(env).transformIndexHtml as unknown as () => {
        tag: string;
        attrs: Record<string, string>;
      }[];
      return hook();
    };
    expect(html({})).toEqual([]);
    const tags = html({ SENTRY_DSN: "https://pk@sentry.test/3", POSTHOG_API_KEY: "phc_test" });
    expect(tags.map((tag) => tag.attrs.name ?? tag.attrs.src)).toEqual([
      "pixorly-sentry-dsn",
      "pixorly-environment",
      "pixorly-posthog-key",
      "/src/observability.ts",
    ]);
  });

  it("keeps PostHog out of the elements partners embed", () => {
    const dist = path.join(import.meta.dirname, "../packages/elements/dist");
    if (!fs.existsSync(dist)) return;
    for (const name of fs.readdirSync(dist).filter((file) => /^pixorly(-.*)?\.js$/.test(file))) {
      expect(fs.readFileSync(path.join(dist, name), "utf8"), name).not.toMatch(/posthog/i);
    }
    const sources = fs.readdirSync(path.join(import.meta.dirname, "../packages/elements/src"), {
      recursive: true,
    }) as string[];
    for (const file of sources.filter((f) => f.endsWith(".ts"))) {
      expect(
        fs.readFileSync(path.join(import.meta.dirname, "../packages/elements/src", file), "utf8"),
        file,
      ).not.toMatch(/posthog/i);
    }
  });
});
