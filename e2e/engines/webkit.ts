/**
 * The journeys' WebKit: WebKitGTK's MiniBrowser through its own WebDriver (`WebKitWebDriver`), with the session
 * and input the component tests' launcher uses too (packages/elements/test/browsers/webkit-webdriver.mjs and
 * webdriver-page.mjs). Playwright's WebKit
 * is a patched build it downloads, which cannot be had here.
 *
 * WebDriver classic has no page-error events: every script this driver runs first installs `error` and
 * `unhandledrejection` listeners in the page (once per document) and collects what they caught — so an error
 * thrown while a page loads, before the journey's first look at it, is not seen here (Firefox's and Chromium's
 * journeys see those).
 */
import { webdriverPage } from "../../packages/elements/test/browsers/webdriver-page.mjs";
import { startWebKitSession } from "../../packages/elements/test/browsers/webkit-webdriver.mjs";
import { downloadFolder, type EngineDriver } from "./driver.js";

const COLLECT_ERRORS = `
  if (!window.__pixorlyErrors) {
    window.__pixorlyErrors = [];
    addEventListener("error", (event) => window.__pixorlyErrors.push(String(event.message)));
    addEventListener("unhandledrejection", (event) =>
      window.__pixorlyErrors.push(String(event.reason && event.reason.message || event.reason)));
  }
  const caught = window.__pixorlyErrors.splice(0);`;

export async function webkitDriver(viewport: { width: number; height: number }): Promise<EngineDriver> {
  const downloads = downloadFolder("webkit");
  const webkit = await startWebKitSession({ downloadDir: downloads.dir }).catch((error: unknown) => {
    downloads.remove();
    throw error;
  });
  const page = webdriverPage(webkit);
  await page.setViewport(viewport);
  const errors: string[] = [];
  const run = async <R>(source: string, arg: unknown): Promise<R> => {
    const answer = (await webkit.call("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1];${COLLECT_ERRORS}
        Promise.resolve()
          .then(() => (${source})(arguments[0]))
          .then((value) => done({ value, caught }), (error) => done({ error: String(error && error.stack || error), caught }));`,
      args: [arg],
    })) as { value?: R; error?: string; caught: string[] };
    errors.push(...answer.caught);
    if (answer.error !== undefined) throw new Error(`WebKit: a script in the page failed: ${answer.error}`);
    return answer.value as R;
  };
  return {
    name: "WebKit",
    async goto(url) {
      await webkit.call("POST", "/url", { url });
    },
    evaluate: (fn, arg) => run(fn.toString(), arg),
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    async errors() {
      await run("() => null", null).catch(() => {});
      return [...errors];
    },
    downloads: async () => downloads.saved(),
    async close() {
      await webkit.stop();
      downloads.remove();
    },
  };
}
