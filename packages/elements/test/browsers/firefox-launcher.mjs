/**
 * A web-test-runner launcher for Debian's Firefox ESR. Firefox speaks WebDriver BiDi itself (ESR 128+), and
 * puppeteer-core drives it over BiDi with no download (`browser: 'firefox'`); web-test-runner's own Chrome
 * launcher takes a puppeteer instance, so it runs Firefox unchanged. Playwright's Firefox is a patched
 * build it downloads, which cannot be downloaded here.
 */
import { chromeLauncher } from "@web/test-runner-chrome";
import fs from "node:fs";
import puppeteer from "puppeteer-core";
import { pressWithPuppeteer } from "./keys.mjs";

const FIREFOX = process.env.PIXORLY_FIREFOX ?? "/usr/bin/firefox-esr";

export function firefoxLauncher() {
  if (!fs.existsSync(FIREFOX))
    throw new Error(
      `Firefox: ${FIREFOX} is missing (apt-get install firefox-esr, or PIXORLY_ENGINES=chromium to leave Firefox out; see packages/elements/README.md)`,
    );
  return chromeLauncher({
    puppeteer,
    // One page at a time: Firefox throttles animation frames and observers in a page that is not in front,
    // and the gallery's virtualizer (and any ResizeObserver) then stalls until its neighbour closes.
    concurrency: 1,
    // Playwright-style key names and chords, as the tests write them (keys.mjs).
    async createPage({ context }) {
      const page = await context.newPage();
      const press = page.keyboard.press.bind(page.keyboard);
      page.keyboard.press = (key, options) =>
        pressWithPuppeteer({ down: (k) => page.keyboard.down(k), up: (k) => page.keyboard.up(k), press }, key, options);
      return page;
    },
    launchOptions: {
      browser: "firefox",
      executablePath: FIREFOX,
      headless: true,
      // No update checks, telemetry or first-run pages while the tests run.
      extraPrefsFirefox: {
        "app.update.enabled": false,
        "datareporting.policy.dataSubmissionEnabled": false,
        "toolkit.telemetry.enabled": false,
        "browser.shell.checkDefaultBrowser": false,
      },
    },
  });
}
