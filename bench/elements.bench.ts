/**
 * The web components, measured:
 *   - `pixorly.js` (the one-file bundle) minified and gzipped, split by where the bytes come
 *     from (esbuild's metafile): Pixorly's own code (elements + core), lit, the convex client,
 *     zod (core's schemas, for the prompt box's validation) and the rest; target total ≤ 60 KB.
 *   - time from a job's status commit (the `startedAt` / `completedAt` the backend writes in the
 *     committing mutation) to the DOM update of `<pixorly-job-status>`, in Chromium against
 *     convex-local + s3rver + the edge API; target p95 < 50 ms. Only transitions the element was
 *     subscribed for beforehand count (a job first seen already processing says nothing).
 *   - first render of `<pixorly-studio>` after the page starts loading the script: the module's
 *     fetch + evaluation, then the define → first render; target < 100 ms in all.
 * Environment: BENCH_ROUNDS (jobs, default 30), BENCH_PAGE_LOADS (default 10),
 * PIXORLY_CHROMIUM (default /usr/bin/chromium). Run: `npm run bench -- elements`.
 */
import { ConvexHttpClient } from "convex/browser";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Page } from "playwright";
import { api } from "../convex/_generated/api.js";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../edge-api/src/cdn/key-pair";
import { transformImage } from "../edge-api/src/cdn/transform";
import { startStack } from "../edge-api/test/stack";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const PAGE_LOADS = Number(process.env.BENCH_PAGE_LOADS ?? 10);
const ELEMENTS = path.resolve("packages/elements");
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: [string, string, string, string][] = [];
const row = (metric: string, value: string, target = "-", ok?: boolean) =>
  rows.push([metric, value, target, ok === undefined ? "info" : ok ? "PASS" : "FAIL"]);

// ---- 1. Bundle size -------------------------------------------------------------------------
execFileSync(process.execPath, ["scripts/build.mjs", "--bundle-only"], { cwd: ELEMENTS, stdio: "inherit" });
const bundle = fs.readFileSync(path.join(ELEMENTS, "dist/pixorly.js"));
const meta = JSON.parse(fs.readFileSync(path.join(ELEMENTS, "dist/pixorly.meta.json"), "utf8")) as {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
};
const GROUPS = ["Pixorly (elements + core)", "lit", "convex client", "zod (core schemas)", "other"] as const;
function groupOf(input: string): (typeof GROUPS)[number] {
  if (/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(input)) return "lit";
  if (input.includes("node_modules/convex/")) return "convex client";
  if (input.includes("node_modules/zod/")) return "zod (core schemas)";
  if (!input.includes("node_modules/")) return "Pixorly (elements + core)";
  return "other";
}
const minified = new Map<string, number>(GROUPS.map((g) => [g, 0]));
for (const output of Object.values(meta.outputs)) {
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    minified.set(groupOf(input), minified.get(groupOf(input))! + bytesInOutput);
  }
}
const gzipTotal = zlib.gzipSync(bundle, { level: 9 }).length;
const minTotal = [...minified.values()].reduce((a, b) => a + b, 0);
for (const group of GROUPS) {
  const bytes = minified.get(group)!;
  // gzip is shared across the file, so each part's share is estimated in proportion to its minified size.
  row(`pixorly.js: ${group}`, `${kb(bytes)} min, ≈${kb((gzipTotal * bytes) / minTotal)} gz`);
}
row("pixorly.js total, min + gzip", `${kb(bundle.length)} min, ${kb(gzipTotal)} gz`, "≤ 60 KB gz", gzipTotal <= 60 * 1024);

// ---- 2. The real stack, a page server and a browser -----------------------------------------
// The page is served from loopback like the services: Chromium blocks a public origin from
// reaching loopback (Private Network Access).
let pageHtml = "";
const pages = http.createServer((req, res) => {
  if (req.url === "/pixorly.js") res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
  else res.writeHead(200, { "content-type": "text/html" }).end(pageHtml);
});
await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
const ORIGIN = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;

// One generation at a time, so a job of another user can hold the queue and ours is seen pending.
process.env.PIXORLY_MAX_IN_FLIGHT = "1";
const stack = await startStack({
  env: { CORS_ORIGINS: ORIGIN, ...cloudFrontEnv(await generateCloudFrontKeyPair("KBENCH")) },
  deps: { imageTransformer: transformImage, logger: () => {} },
});
async function clientFor(userId: string) {
  const response = await fetch(`${stack.edgeUrl}/v1/dev/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId }),
  });
  const client = new ConvexHttpClient(stack.convexUrl, { logger: false });
  client.setAuth(((await response.json()) as { token: string }).token);
  return client;
}
/** A user with room for every job of the run (no plan limit or rate limit in the way). */
async function benchUser(userId: string) {
  const client = await clientFor(userId);
  const { userId: id } = await client.mutation(api.users.ensure, {});
  await stack.convex.engine.runMutation("users:updateAccount", { userId: id, plan: "enterprise", credits: 1_000_000 }, null, { publicOnly: false });
  return client;
}
const holder = await benchUser("bench-queue-holder");
// The studio signs in through the dev token URL as the default local user.
await benchUser("local-user");

pageHtml = `<!doctype html><html lang="en"><body>
<pixorly-studio convex-url="${stack.convexUrl}" api-url="${stack.edgeUrl}" token-url="${stack.edgeUrl}/v1/dev/token" theme="light"></pixorly-studio>
<script type="module">
  const t0 = performance.now();
  window.pixorly = await import('/pixorly.js');
  await document.querySelector('pixorly-studio').updateComplete;
  const rendered = performance.now();
  const fetched = performance.getEntriesByName(new URL('/pixorly.js', location.href).href)[0].responseEnd;
  window.firstRender = { fetch: fetched - t0, evaluateAndRender: rendered - fetched };
</script></body></html>`;

const browser = await chromium.launch({
  executablePath: process.env.PIXORLY_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
async function openPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (window as unknown as { firstRender?: unknown }).firstRender);
  return page;
}

// ---- 3. First render ------------------------------------------------------------------------
const fetches: number[] = [];
const evaluations: number[] = [];
for (let i = 0; i < PAGE_LOADS; i++) {
  const page = await openPage();
  const timing = await page.evaluate(() => (window as unknown as { firstRender: { fetch: number; evaluateAndRender: number } }).firstRender);
  fetches.push(timing.fetch);
  evaluations.push(timing.evaluateAndRender);
  await page.close();
}
const totals = fetches.map((f, i) => f + evaluations[i]!);
row("studio first render: fetching pixorly.js (loopback), p50", `${pct(fetches, 50).toFixed(1)} ms`);
row("studio first render: parse + evaluate + define + render, p50", `${pct(evaluations, 50).toFixed(1)} ms`);
row("studio first render after the script starts loading, p50", `${pct(totals, 50).toFixed(1)} ms`, "< 100 ms", pct(totals, 50) < 100);
row("studio first render after the script starts loading, max", `${Math.max(...totals).toFixed(1)} ms`);

// ---- 4. Status commit → DOM -----------------------------------------------------------------
const page = await openPage();
await page.waitForFunction(() => {
  const studio = document.querySelector("pixorly-studio") as unknown as { client?: { authState: string; connection: string } };
  return studio.client?.authState === "signed-in" && studio.client.connection === "connected";
});
/** One status change seen in the DOM: wall-clock time (to compare with the backend's commit times) and the element's own share. */
type Sample = { status: string; previous: string; domAt: number; inElementMs: number; startedAt?: number; completedAt?: number };
const processing: number[] = [];
const completed: number[] = [];
const inElement: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Another user's job takes the one slot, so ours waits pending and the element is subscribed
  // before its processing and completed commits.
  await holder.mutation(api.jobs.create, { prompt: `queue holder ${round}`, model: "local/aurora", parameters: { width: 256, height: 256, seed: round } });
  const samples = await page.evaluate(async (seed): Promise<Sample[]> => {
    const studio = document.querySelector("pixorly-studio") as HTMLElement & { client: { mutation(ref: unknown, args: unknown): Promise<string> } };
    const { api } = (window as unknown as { pixorly: { api: { jobs: { create: unknown } } } }).pixorly;
    const jobId = await studio.client.mutation(api.jobs.create, {
      prompt: `a small blue square ${seed}`,
      model: "local/aurora",
      parameters: { width: 64, height: 64, seed },
    });
    studio.dispatchEvent(new CustomEvent("pixorly-job-created", { detail: { jobId } }));
    await (studio as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const status = [...studio.shadowRoot!.querySelectorAll("pixorly-job-status")].find((el) => (el as unknown as { jobId: string }).jobId === jobId)!;
    const seen: Sample[] = [];
    let previous = status.getAttribute("status") ?? "";
    return await new Promise<Sample[]>((resolve) => {
      const job = (status as unknown as { job: { receivedAt: number; value: { startedAt?: number; completedAt?: number } } }).job;
      new MutationObserver(() => {
        const now = Date.now();
        const inElementMs = performance.now() - job.receivedAt;
        const current = status.getAttribute("status") ?? "";
        if (current === previous) return;
        seen.push({ status: current, previous, domAt: now, inElementMs });
        previous = current;
        if (current === "completed" || current === "failed") {
          resolve(seen.map((s) => ({ ...s, startedAt: job.value.startedAt, completedAt: job.value.completedAt })));
        }
      }).observe(status, { attributes: true, attributeFilter: ["status"] });
    });
  }, round);
  for (const s of samples) {
    const live = s.previous === "pending" || (s.status === "completed" && s.previous === "processing");
    if (!live) continue;
    if (s.status === "processing" && s.startedAt) processing.push(s.domAt - s.startedAt);
    if (s.status === "completed" && s.completedAt) completed.push(s.domAt - s.completedAt);
    inElement.push(s.inElementMs);
  }
}
const all = [...processing, ...completed];
row(`status → DOM, processing (${processing.length} live of ${ROUNDS}), p50 / p95`, `${pct(processing, 50)} / ${pct(processing, 95)} ms`);
row(`status → DOM, completed (${completed.length} live of ${ROUNDS}), p50 / p95`, `${pct(completed, 50)} / ${pct(completed, 95)} ms`);
row("status commit → DOM update, all transitions, p50", `${pct(all, 50)} ms`);
row("  of which in the element (client callback → DOM), p50 / p95", `${pct(inElement, 50).toFixed(1)} / ${pct(inElement, 95).toFixed(1)} ms`);
row("status commit → DOM update, all transitions, p95", `${pct(all, 95)} ms`, "< 50 ms", pct(all, 95) < 50);

await page.close();
await browser.close();
await stack.close();
pages.close();

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["Metric", "Value", "Target", "Result"][i]!.length));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log(`elements bench: ${ROUNDS} jobs, ${PAGE_LOADS} page loads, node ${process.version}, ${minTotal} bytes of inputs\n`);
console.log(line(["Metric", "Value", "Target", "Result"]));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line(r));
