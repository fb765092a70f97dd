#!/usr/bin/env node
/**
 * Screenshots of every view of the elements — the studio empty, with results, with a job running,
 * a comparison, the library, the lightbox, collections — at 1280 px (a laptop, mouse) and 360 px
 * (a phone: touch, coarse pointer), light and dark, into docs/screenshots/ (checked in; the
 * elements README shows them). The views run on the stories' in-memory client (real elements,
 * pictures painted by @pixorly/local-models), bundled here with esbuild: no backend, no Storybook build.
 *
 * It is also a test (`--check`, run by `npm test`, about a minute): it looks at each view on the
 * phone (light), the laptop (dark) and the studio at 320 px, into a temporary folder (removed when
 * all is well), and fails when a page logs an error, throws, or a request fails; when a view
 * scrolls sideways at 320 or 360 px; when a keyboard hint ("Ctrl+Enter", "Esc to close") shows on
 * a touch screen; or when a control of the studio's Create view is smaller than a finger (44×44 px)
 * on one. Sharp (already the edge API's) makes the kept PNGs small. `PIXORLY_SCREENSHOT_TIMES=1`
 * prints how long each view took.
 *
 * `node scripts/screenshots.mjs [--check] [scene…]`
 */
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import sharp from "sharp";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const repo = path.resolve(root, "../..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const SCENES = ["studio-empty", "studio-results", "studio-running", "comparison", "library", "lightbox", "collections"];
const chosen = args.filter((arg) => !arg.startsWith("--"));
const scenes = chosen.length > 0 ? chosen : SCENES;
const out = check ? mkdtempSync(path.join(os.tmpdir(), "pixorly-screenshots-")) : path.join(repo, "docs/screenshots");
/** Views whose page is taller than what a person sees at once for a reason of its own: the viewport is the picture. */
const VIEWPORT_ONLY = new Set(["library", "lightbox", "collections"]);
/** The views the phone checks (tap targets) run on. */
const CREATE_VIEWS = new Set(["studio-empty", "studio-results", "studio-running", "comparison"]);
/** The views also looked at 320 px wide (the running job's layout is the finished one's). */
const SMALLEST_VIEWS = new Set(["studio-empty", "studio-results", "comparison"]);
const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 360, height: 760 }, isMobile: true, hasTouch: true },
  small: { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true },
};
const started = Date.now();

const common = {
  bundle: true,
  format: "esm",
  write: false,
  target: "es2022",
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
  outdir: "/",
};
const [page, worker] = await Promise.all([
  build({
    ...common,
    entryPoints: { scenes: path.join(here, "screenshots/scenes.ts") },
    splitting: true,
    chunkNames: "chunk-[hash]",
  }),
  build({ ...common, entryPoints: { "paint-worker": path.join(repo, "stories/in-memory/paint-worker.ts") } }),
]);
const files = new Map();
for (const file of [...page.outputFiles, ...worker.outputFiles]) files.set(file.path, file.contents);
// art.ts starts its painter with `new Worker(new URL('./paint-worker.ts', import.meta.url))`.
files.set("/paint-worker.ts", files.get("/paint-worker.js"));

const html = (
  scene,
  theme,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${scene}</title><style>
  body { margin: 0; padding: 24px; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; background: ${theme === "dark" ? "#050608" : "#ffffff"}; }
  @media (max-width: 600px) { body { padding: 0; } }
</style></head><body><main id="root"></main><script type="module" src="/scenes.js"></script></body></html>`;

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://x");
  if (url.pathname === "/favicon.ico") return void response.writeHead(204).end();
  if (url.pathname === "/") {
    response
      .writeHead(200, { "content-type": "text/html" })
      .end(html(url.searchParams.get("scene"), url.searchParams.get("theme")));
    return;
  }
  const body = files.get(url.pathname);
  if (!body) return void response.writeHead(404).end();
  response.writeHead(200, { "content-type": "text/javascript" }).end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.PIXORLY_CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});

const problems = [];

/** Runs in the page: facts the checks need, looked up through every shadow root. */
function inspect({ touch }) {
  const all = [];
  const walk = (node) => {
    for (const element of node.querySelectorAll("*")) {
      all.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(document);
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.opacity !== "0";
  };
  const describe = (element) => {
    const label = (element.getAttribute("aria-label") || element.textContent || "")
      .trim()
      .replace(/\s+/g, " ")
      .slice(0, 40);
    const part = element.getAttribute("part");
    return `<${element.localName}${part ? ` part="${part}"` : ""}${element.id ? `#${element.id}` : ""}> "${label}"`;
  };
  const facts = { overflow: document.documentElement.scrollWidth - innerWidth, wide: [], hints: [], small: [] };
  if (facts.overflow > 0) {
    facts.wide = all
      .filter((element) => visible(element) && element.getBoundingClientRect().right > innerWidth + 1)
      .slice(-5)
      .map(describe);
  }
  if (touch) {
    const text = all
      .filter((element) => !element.shadowRoot && element.children.length === 0 && visible(element))
      .map((element) => element.textContent ?? "");
    facts.hints = text.filter((value) => /(Ctrl|⌘|Cmd|Alt)\s*\+|Esc to close/.test(value));
    const controls = all.filter(
      (element) =>
        element.matches(
          'button, select, textarea, a[href], [role="tab"], [role="radio"], [role="checkbox"], input:not([type="radio"]):not([type="checkbox"]), label.chip',
        ) &&
        visible(element) &&
        !element.closest("[hidden]"),
    );
    facts.small = controls
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.height < 43.5 || box.width < 43.5;
      })
      .map((element) => {
        const box = element.getBoundingClientRect();
        return `${describe(element)} ${Math.round(box.width)}×${Math.round(box.height)}`;
      });
  }
  return facts;
}

async function shoot(scene, deviceName, theme, save) {
  const device = DEVICES[deviceName];
  const context = await browser.newContext({ ...device, colorScheme: theme, reducedMotion: "reduce" });
  const tab = await context.newPage();
  const where = `${scene} ${device.viewport.width}px ${theme}`;
  const begun = Date.now();
  tab.on(
    "console",
    (message) => message.type() === "error" && problems.push(`${where}: console error: ${message.text()}`),
  );
  tab.on("pageerror", (error) => problems.push(`${where}: uncaught: ${error.message}`));
  tab.on("requestfailed", (request) =>
    problems.push(`${where}: request failed: ${request.url()} ${request.failure()?.errorText ?? ""}`),
  );
  try {
    await tab.goto(`${origin}/?scene=${scene}&theme=${theme}`);
    await tab.waitForFunction(() => document.body.dataset.ready || document.body.dataset.failed, null, {
      timeout: 30_000,
    });
    const failed = await tab.evaluate(() => document.body.dataset.failed);
    if (failed) throw new Error(failed);
    const touch = deviceName !== "desktop";
    const facts = await tab.evaluate(inspect, { touch });
    if (facts.overflow > 0)
      problems.push(`${where}: scrolls sideways by ${facts.overflow} px; widest: ${facts.wide.join(", ")}`);
    for (const hint of facts.hints) problems.push(`${where}: keyboard hint on a touch screen: "${hint.trim()}"`);
    if (touch && CREATE_VIEWS.has(scene))
      for (const small of facts.small) problems.push(`${where}: smaller than a finger: ${small}`);
    if (save) {
      const file = path.join(out, `${scene}-${device.viewport.width}-${theme}.png`);
      if (!VIEWPORT_ONLY.has(scene)) {
        // The whole page as the viewport (not a stitched full-page shot), so sticky bars sit where they belong.
        const height = await tab.evaluate(() => document.documentElement.scrollHeight);
        await tab.setViewportSize({ width: device.viewport.width, height: Math.min(height, 4000) });
        await tab.evaluate(() => scrollTo(0, 0));
        await tab.waitForTimeout(100);
      }
      const png = await tab.screenshot();
      // Quantized to a palette: a third of the bytes, no visible loss on flat UI (the repository keeps these; a check's need not be small).
      if (check) writeFileSync(file, png);
      else await sharp(png).png({ palette: true, quality: 90, effort: 8 }).toFile(file);
      if (!check) console.log(path.relative(process.cwd(), file));
    }
  } catch (error) {
    problems.push(`${where}: ${error.message.split("\n")[0]}`);
  } finally {
    await context.close();
    if (process.env.PIXORLY_SCREENSHOT_TIMES) console.log(`${where}: ${Date.now() - begun} ms`);
  }
}

mkdirSync(out, { recursive: true });
try {
  const runs = [];
  for (const scene of scenes) {
    // The check sees each view once per device (the phone light, the laptop dark), which is what it checks; the pictures need all four.
    const shots = check
      ? [
          ["phone", "light"],
          ["desktop", "dark"],
        ]
      : [
          ["desktop", "light"],
          ["phone", "light"],
          ["desktop", "dark"],
          ["phone", "dark"],
        ];
    for (const [device, theme] of shots) runs.push(() => shoot(scene, device, theme, true));
    if (SMALLEST_VIEWS.has(scene)) runs.push(() => shoot(scene, "small", "light", check));
  }
  // Two pages at a time: the machine has two cores.
  const queue = [...runs];
  await Promise.all(
    [0, 1].map(async () => {
      while (queue.length > 0) await queue.shift()();
    }),
  );
} finally {
  await browser.close();
  server.close();
}

console.log(`${scenes.length} views in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  if (check) console.error(`\nThe pictures are kept in ${out} to look at.`);
  process.exitCode = 1;
} else if (check) {
  rmSync(out, { recursive: true, force: true });
}
