/**
 * The user, comparison and partner journeys and the developer journey's browser half in Firefox and WebKit,
 * against the same stack as the Chromium journeys (global-setup.ts).
 * Playwright cannot drive Debian's Firefox ESR or WebKitGTK (its own builds are patched ones it downloads), so
 * these tests take no Playwright page: they drive Firefox through puppeteer-core over WebDriver BiDi and WebKit
 * through WebKitWebDriver (engines/), the same drivers as the component tests in those engines.
 * `PIXORLY_ENGINES` (default `chromium,firefox,webkit`) leaves an engine out where it is not installed.
 */
import { test } from "@playwright/test";
import { comparisonJourney } from "./engines/comparison-journey.js";
import { developerJourney } from "./engines/developer-journey.js";
import type { EngineDriver } from "./engines/driver.js";
import { firefoxDriver } from "./engines/firefox.js";
import { partnerJourney } from "./engines/partner-journey.js";
import { userJourney } from "./engines/user-journey.js";
import { webkitDriver } from "./engines/webkit.js";
import { stackInfo } from "./support/stack-info.js";

const stack = stackInfo();
const engines = (process.env.PIXORLY_ENGINES ?? "chromium,firefox,webkit").split(",");
const VIEWPORT = { width: 1280, height: 900 };

const drivers: [string, (viewport: typeof VIEWPORT) => Promise<EngineDriver>][] = [
  ["firefox", firefoxDriver],
  ["webkit", webkitDriver],
];

for (const [engine, start] of drivers) {
  test(`${engine}: sign in, generate with Nebula at 3:4, follow it live, download it, find it in the library, add it to a collection`, async () => {
    test.skip(!engines.includes(engine), `PIXORLY_ENGINES leaves ${engine} out`);
    const driver = await start(VIEWPORT);
    try {
      await userJourney(driver, stack);
    } finally {
      await driver.close();
    }
  });

  test(`${engine}: compare Aurora, Mosaic and Nebula on one prompt`, async () => {
    test.skip(!engines.includes(engine), `PIXORLY_ENGINES leaves ${engine} out`);
    const driver = await start(VIEWPORT);
    try {
      await comparisonJourney(driver, stack);
    } finally {
      await driver.close();
    }
  });

  test(`${engine}: a webhook endpoint and an API key made in the UI, the key working against REST`, async () => {
    test.skip(!engines.includes(engine), `PIXORLY_ENGINES leaves ${engine} out`);
    const driver = await start(VIEWPORT);
    try {
      await developerJourney(driver, stack);
    } finally {
      await driver.close();
    }
  });
}

test("firefox and webkit side by side: a partner's visitor generates and downloads; the studio refreshes its token", async () => {
  const chosen = drivers.filter(([engine]) => engines.includes(engine));
  test.skip(chosen.length === 0, "PIXORLY_ENGINES leaves Firefox and WebKit out");
  // Most of this journey is waiting for the partner's short-lived token to near its end, which both engines can
  // do at once; partner-journey.spec.ts (Chromium) runs after this file and revokes the partner's secret.
  test.setTimeout(60_000 + chosen.length * 60_000);
  const outcomes = await Promise.allSettled(
    chosen.map(async ([, start]) => {
      const driver = await start(VIEWPORT);
      try {
        await partnerJourney(driver, stack);
      } finally {
        await driver.close();
      }
    }),
  );
  const failures = outcomes.flatMap((outcome, index) =>
    outcome.status === "rejected" ? [{ engine: chosen[index]![0], error: outcome.reason as Error }] : [],
  );
  if (failures.length === 1) throw failures[0]!.error;
  if (failures.length > 1)
    throw new Error(failures.map(({ engine, error }) => `${engine}: ${error.stack ?? error.message}`).join("\n\n"));
});
