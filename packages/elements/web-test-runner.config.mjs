/**
 * `wtr`: the component tests (next to the code under src/) and, as the `e2e` group, the
 * end-to-end tests in test/e2e against the real backend (see stack-plugin.mjs), in
 * Debian's Chromium through the Playwright launcher (`npx playwright install` cannot
 * download browsers here, and needs not); the component tests also in Debian's Firefox ESR
 * and WebKitGTK (the `firefox` and `webkit` groups, test/browsers/), all groups at once.
 */
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { playwrightLauncher } from "@web/test-runner-playwright";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { firefoxLauncher } from "./test/browsers/firefox-launcher.mjs";
import { plainFailuresHtml } from "./test/browsers/plain-failures.mjs";
import { webkitLauncher } from "./test/browsers/webkit-launcher.mjs";
import { pixorlyStackPlugin } from "./test/e2e/stack-plugin.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const chromium = process.env.PIXORLY_CHROMIUM ?? "/usr/bin/chromium";
// The component tests run in Firefox and WebKit too (Debian's firefox-esr and webkit2gtk-driver, see
// test/browsers/), all but the ones that test plain logic with no DOM at all (the same JavaScript in every engine,
// so a second and third run there would only cost time; the README lists them).
// `PIXORLY_ENGINES=chromium` leaves both engines out, `PIXORLY_ENGINES=chromium,firefox` WebKit;
// `PIXORLY_ENGINE_FILES=a.test.ts,b.test.ts` runs only those there.
const LOGIC_ONLY = [
  "src/client/auth-session.test.ts",
  "src/client/connection.test.ts",
  "src/client/signed-urls.test.ts",
  "src/collections/collection-order.test.ts",
  "src/gallery/gallery-selection.test.ts",
  "src/internal/parts.test.ts",
  "src/studio/studio-state.test.ts",
];
const ENGINE_FILES = process.env.PIXORLY_ENGINE_FILES?.split(",") ?? [
  "src/**/*.test.ts",
  ...LOGIC_ONLY.map((file) => `!${file}`),
];
const engines = (process.env.PIXORLY_ENGINES ?? "chromium,firefox,webkit").split(",");
// `npx wtr --group firefox` / `--group webkit` runs one of them alone. Their pages report a failed assertion on
// an element as text (plain-failures.mjs): WebKit never finished reporting one otherwise.
const engineGroups = [
  ...(engines.includes("firefox")
    ? [{ name: "firefox", files: ENGINE_FILES, browsers: [firefoxLauncher()], testRunnerHtml: plainFailuresHtml }]
    : []),
  ...(engines.includes("webkit")
    ? [{ name: "webkit", files: ENGINE_FILES, browsers: [webkitLauncher()], testRunnerHtml: plainFailuresHtml }]
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
  // Chromium, Firefox and WebKit at once (wtr's default is two): much of a test's time is waiting (timers,
  // polling, sockets), and WebKit would otherwise only start once Chromium's files were done.
  concurrentBrowsers: 3,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  // 20 s, not 10: Firefox and WebKit take several seconds for a page's first axe-core run (a 500 KB script)
  // on a busy two-core machine. One retry: on a loaded CI machine a test that waits on a real socket, timer or
  // frame can miss once (a real failure fails twice and is reported as such).
  testFramework: { config: { timeout: 20_000, retries: 1 } },
};
