/**
 * `wtr`: the component tests (next to the code under src/) and, as the `e2e` group, the
 * end-to-end tests in test/e2e against the real backend (see stack-plugin.mjs), all in
 * Debian's Chromium through the Playwright launcher (`npx playwright install` cannot
 * download browsers here, and needs not).
 */
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { playwrightLauncher } from "@web/test-runner-playwright";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { firefoxLauncher } from "./test/browsers/firefox-launcher.mjs";
import { webkitLauncher } from "./test/browsers/webkit-launcher.mjs";
import { pixorlyStackPlugin } from "./test/e2e/stack-plugin.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const chromium = process.env.PIXORLY_CHROMIUM ?? "/usr/bin/chromium";
// The component tests that also run in Firefox and WebKit (Debian's firefox-esr and webkit2gtk-driver, see
// test/browsers/): the ones where engines differ (shadow-DOM focus, :focus-visible, dialog, forms,
// ResizeObserver, image formats, drag and drop, clipboard). The README says why not all of them.
// `PIXORLY_ENGINES=chromium` skips them, `PIXORLY_ENGINES=firefox` runs only Firefox.
const ENGINE_FILES = process.env.PIXORLY_ENGINE_FILES?.split(",") ?? [
  "src/base/pixorly-element.test.ts",
  "src/internal/browser-floor.test.ts",
  "src/internal/error-reporting.test.ts",
  "src/internal/dialog-fallback.test.ts",
  "src/image/image.test.ts",
  "src/lightbox/lightbox.test.ts",
  "src/prompt-box/prompt-box.test.ts",
];
const engines = (process.env.PIXORLY_ENGINES ?? "chromium,firefox,webkit").split(",");
// The lightbox's tests stall in WebKitGTK's MiniBrowser under WebDriver (README: not yet understood).
const WEBKIT_SKIPS = ["src/lightbox/lightbox.test.ts"];
// `npx wtr --group firefox` / `--group webkit` runs one of them alone.
const engineGroups = [
  ...(engines.includes("firefox") ? [{ name: "firefox", files: ENGINE_FILES, browsers: [firefoxLauncher()] }] : []),
  ...(engines.includes("webkit")
    ? [
        {
          name: "webkit",
          files: ENGINE_FILES.filter((file) => !WEBKIT_SKIPS.includes(file)),
          browsers: [webkitLauncher()],
        },
      ]
    : []),
];

export default {
  rootDir: path.resolve(here, "../.."),
  // An address, not 'localhost': what that name resolves to (::1 first, or nothing) depends on the machine.
  hostname: "127.0.0.1",
  files: ["src/**/*.test.ts"],
  nodeResolve: { exportConditions: ["browser", "import", "default"], extensions: [".ts", ".mjs", ".js"] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: path.join(here, "tsconfig.json"), target: "es2022" }),
    pixorlyStackPlugin(),
  ],
  groups: [{ name: "e2e", files: ["test/e2e/**/*.test.ts"] }, ...engineGroups],
  browsers: [
    playwrightLauncher({
      product: "chromium",
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
          // Two pages run at once and only one has focus: the other must not have its timers, frames or
          // ResizeObservers throttled or frozen, or a test there stalls until its neighbour closes.
          "--disable-background-timer-throttling",
          "--disable-backgrounding-occluded-windows",
          "--disable-renderer-backgrounding",
          "--disable-features=IntensiveWakeUpThrottling",
        ],
      },
    }),
  ],
  // Two cores: more parallel pages only make every test slower.
  concurrency: 2,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  // 20 s, not 10: Firefox and WebKit take several seconds for a page's first axe-core run (a 500 KB script)
  // on a busy two-core machine.
  testFramework: { config: { timeout: 20_000 } },
};
