/**
 * The end-to-end journeys (`npm run test:e2e`): Playwright on Debian's Chromium against the whole offline
 * stack, which e2e/support/global-setup.ts starts on free ports (so they run beside `npm start`); the user,
 * comparison and partner journeys and the developer journey's browser half also in Firefox ESR and WebKitGTK,
 * which Playwright cannot drive here (e2e/engines.spec.ts drives
 * them through puppeteer-core over WebDriver BiDi and WebKitWebDriver).
 * One worker: the journeys share one backend on a 2-core machine. Traces and screenshots are kept for
 * failures only, in test-results/e2e/.
 */
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 20_000,
  },
});
