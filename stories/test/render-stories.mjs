#!/usr/bin/env node
/**
 * `npm test` for the catalog: builds Storybook, serves the static build, and renders every
 * story (from the build's index.json) in Debian's Chromium. A story fails when it does not
 * render, when the page logs an error or throws, or when axe-core finds an accessibility
 * violation in it. Two pages work side by side (a 2-core machine gets slower, not faster, with more).
 *
 * `--no-build` reuses storybook-static/ (after `npm run build-storybook`); `--grep text` renders
 * only the stories whose id contains it; `PIXORLY_CHROMIUM` points at another Chromium.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const workspace = path.resolve(here, "..");
const output = path.resolve(workspace, "../storybook-static");
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const grep = args.includes("--grep") ? args[args.indexOf("--grep") + 1] : "";
const PAGES = 2;
/** After a story says it rendered, how long its data (60 ms latency per answer) and pictures get to arrive. */
const SETTLE_MS = 500;
/** A story that has not rendered (and run its `play`) by then fails. */
const RENDER_TIMEOUT_MS = 20_000;
/** Page-level axe rules: a story is a fragment of a page, not a page (Storybook's a11y addon skips `region` too). */
const PAGE_RULES = {
  region: { enabled: false },
  "landmark-one-main": { enabled: false },
  "page-has-heading-one": { enabled: false },
};

const started = Date.now();
if (!args.includes("--no-build")) {
  execFileSync(
    "npx",
    ["storybook", "build", "--config-dir", ".storybook", "--output-dir", output, "--quiet", "--disable-telemetry"],
    {
      cwd: workspace,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  console.log(`built storybook-static/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (!existsSync(path.join(output, "index.json"))) {
  console.error("storybook-static/index.json is missing: run `npm run build-storybook` first (or drop --no-build).");
  process.exit(1);
}

const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};
const server = createServer((request, response) => {
  const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
  const file = path.join(output, pathname === "/" ? "index.html" : pathname);
  if (!file.startsWith(output) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(readFileSync(path.join(output, "index.json"), "utf8"));
const stories = Object.values(index.entries).filter((entry) => entry.type === "story" && entry.id.includes(grep));
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await chromium.launch({
  executablePath: process.env.PIXORLY_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});

/**
 * Shows a story: the first one by loading the preview, every later one by asking the loaded
 * preview to switch (as the Storybook UI does), which spares a reload of the bundle per story.
 */
async function show(page, id) {
  if (!page.url().startsWith(`${origin}/iframe.html`)) {
    // `a11y.manual`: the a11y addon's own run after each render is skipped; this test runs axe itself.
    await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=a11y.manual:!true`);
    // Rendered and `play` finished (or failed): the preview's current render has reached one of its last phases.
    await page.waitForFunction(
      () =>
        document.body.classList.contains("sb-show-errordisplay") ||
        ["finished", "errored", "aborted"].includes(window.__STORYBOOK_PREVIEW__?.currentRender?.phase),
      undefined,
      { timeout: RENDER_TIMEOUT_MS },
    );
    return;
  }
  const finished = await page.evaluate(
    ({ storyId, timeoutMs }) =>
      new Promise((resolve) => {
        const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
        const events = ["storyRendered", "storyErrored", "storyThrewException", "storyMissing"];
        const done = (result) => {
          clearTimeout(timer);
          for (const event of events) channel.off(event, onEvent);
          resolve(result);
        };
        const onEvent = () => done(true);
        const timer = setTimeout(() => done(false), timeoutMs);
        for (const event of events) channel.on(event, onEvent);
        channel.emit("setCurrentStory", { storyId, viewMode: "story" });
      }),
    { storyId: id, timeoutMs: RENDER_TIMEOUT_MS },
  );
  if (!finished) throw new Error(`did not finish rendering within ${RENDER_TIMEOUT_MS / 1000} s`);
}

/** Renders one story in `page`; returns its problems (empty when it passed). */
async function check(page, story) {
  const problems = [];
  const onConsole = (message) => {
    // A failed load is reported with its URL by onResponse (which leaves out the browser's own favicon request).
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      problems.push(`console error: ${message.text().split("\n").slice(0, 4).join("\n")}`);
  };
  const onError = (error) => problems.push(`uncaught: ${error.message}`);
  const onResponse = (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico"))
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
  };
  const onRequestFailed = (request) => {
    if (!request.url().startsWith("blob:"))
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  };
  page.on("console", onConsole);
  page.on("pageerror", onError);
  page.on("response", onResponse);
  page.on("requestfailed", onRequestFailed);
  try {
    await show(page, story.id);
    const shown = await page.evaluate(() => ({
      error: document.body.classList.contains("sb-show-errordisplay")
        ? (document.querySelector("#error-message")?.textContent ?? "error")
        : "",
      empty: (document.querySelector("#storybook-root")?.childElementCount ?? 0) === 0,
    }));
    if (shown.error) problems.push(`did not render: ${shown.error.trim()}`);
    else if (shown.empty) problems.push("rendered nothing");
    await page.waitForTimeout(SETTLE_MS);
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async (rules) => {
      // A story may turn a rule off (`parameters.a11y.options.rules`, as the a11y addon reads it), with a comment saying why.
      const own = window.__STORYBOOK_PREVIEW__?.currentRender?.story?.parameters?.a11y?.options?.rules ?? {};
      rules = { ...rules, ...own };
      // Storybook's a11y addon runs the same axe after each render; one run at a time.
      for (let waited = 0; window.axe._running && waited < 10_000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const results = await window.axe.run(document.querySelector("#storybook-root"), {
        resultTypes: ["violations"],
        rules,
      });
      return results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `      ${n.target.join(" ")}`).join("\n")}`,
      );
    }, PAGE_RULES);
    for (const violation of violations) problems.push(`axe ${violation}`);
  } catch (error) {
    problems.push(`failed: ${error.message.split("\n")[0]}`);
    // A story stuck in its render or `play` makes Storybook reload the page on the next switch: start the next one afresh.
    await page.goto("about:blank").catch(() => {});
  } finally {
    page.off("console", onConsole);
    page.off("pageerror", onError);
    page.off("response", onResponse);
    page.off("requestfailed", onRequestFailed);
  }
  return problems;
}

const failures = [];
const timings = [];
const queue = [...stories];
await Promise.all(
  Array.from({ length: PAGES }, async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    for (let story = queue.shift(); story; story = queue.shift()) {
      const began = Date.now();
      const problems = await check(page, story);
      timings.push([Date.now() - began, story.id]);
      console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${story.title} › ${story.name}`);
      for (const problem of problems) console.log(`       ${problem}`);
      if (problems.length > 0) failures.push(story.id);
    }
    await context.close();
  }),
);
await browser.close();
server.close();

const seconds = ((Date.now() - started) / 1000).toFixed(1);
timings.sort((a, b) => b[0] - a[0]);
console.log(
  `\nslowest: ${timings
    .slice(0, 5)
    .map(([ms, id]) => `${id} ${(ms / 1000).toFixed(1)} s`)
    .join(", ")}`,
);
console.log(`${stories.length - failures.length} of ${stories.length} stories passed in ${seconds} s`);
if (stories.length === 0) {
  console.error(grep ? `No story id contains ${JSON.stringify(grep)}.` : "The build has no stories.");
  process.exitCode = 1;
} else if (failures.length > 0) {
  console.error(`Failed: ${failures.join(", ")}`);
  process.exitCode = 1;
}
