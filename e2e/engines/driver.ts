/**
 * What a Firefox or WebKit journey needs from a browser, whichever protocol drives it (firefox.ts: puppeteer-core
 * over WebDriver BiDi; webkit.ts: WebKitWebDriver), and locators on top of it that wait, scroll and then use the
 * browser's own input (real mouse clicks and key presses, not synthetic DOM events), like Playwright's.
 */
import { expect } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pageQuery, type Query, type QueryResult, type Step } from "./page-query.js";

/** A file the browser saved (a download), read from its download folder. */
export interface SavedFile {
  name: string;
  bytes: Buffer;
}

export interface EngineDriver {
  readonly name: string;
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page (`fn` is sent as source: it must be self-contained) and returns its JSON result. */
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>>;
  /** A mouse click at viewport coordinates. */
  click(x: number, y: number): Promise<void>;
  /** Types text with the keyboard into whatever has focus. */
  type(text: string): Promise<void>;
  /** The page's uncaught errors so far. */
  errors(): Promise<string[]>;
  /**
   * The downloads the browser has finished saving so far: each driver points its browser's download folder at a
   * temporary folder of its own (Firefox through its prefs, WebKitGTK through its XDG download folder), so these
   * are the files the browser itself wrote, as a visitor would find them.
   */
  downloads(): Promise<SavedFile[]>;
  close(): Promise<void>;
}

/** A fresh download folder for one browser; `remove()` deletes it with what was saved. */
export function downloadFolder(engine: string): { dir: string; saved(): SavedFile[]; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pixorly-e2e-${engine}-downloads-`));
  return {
    dir,
    // Firefox writes `name.part` (beside an empty `name`) and WebKitGTK `name.wkdownload` while saving, and
    // renames the file once done: a file is saved once no such partial one is left beside it.
    saved: () => {
      const names = fs.readdirSync(dir);
      const partial = /\.(part|wkdownload|download)$/;
      return names
        .filter((name) => !partial.test(name) && !names.some((other) => partial.test(other) && other.startsWith(name)))
        .map((name) => ({ name, bytes: fs.readFileSync(path.join(dir, name)) }));
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const TIMEOUT_MS = 30_000;

/** A lazy, chainable locator, as Playwright's: nothing is looked up until it is used. */
export class Locator {
  constructor(
    private readonly driver: EngineDriver,
    readonly steps: Step[],
  ) {}

  locator(css: string): Locator {
    return new Locator(this.driver, [...this.steps, { css }]);
  }

  getByRole(role: string, options: { name?: string | RegExp; exact?: boolean } = {}): Locator {
    const name =
      options.name instanceof RegExp ? { source: options.name.source, flags: options.name.flags } : options.name;
    return new Locator(this.driver, [...this.steps, { role, name, exact: options.exact }]);
  }

  /** Narrows the last step to elements whose text holds `hasText`. */
  filter({ hasText }: { hasText: string }): Locator {
    const last = this.steps.at(-1)!;
    return new Locator(this.driver, [...this.steps.slice(0, -1), { ...last, text: hasText }]);
  }

  query(query: Omit<Query, "steps"> & { name?: string }): Promise<QueryResult> {
    return this.driver.evaluate(pageQuery, { ...query, steps: this.steps } as Query);
  }

  count(): Promise<number> {
    return this.query({ op: "count" }) as Promise<number>;
  }

  async innerText(): Promise<string> {
    await this.waitFor();
    return (await this.query({ op: "text" })) as string;
  }

  getAttribute(name: string): Promise<string | null> {
    return this.query({ op: "attribute", name }) as Promise<string | null>;
  }

  /** The first match's `naturalWidth` once it is a loaded image (`img.complete`), else 0. */
  loadedWidth(): Promise<number> {
    return this.query({ op: "loaded" }) as Promise<number>;
  }

  /** Waits until at least one element matches and is visible. */
  async waitFor(timeout = TIMEOUT_MS): Promise<void> {
    await expect
      .poll(() => this.count(), { timeout, message: `${this.driver.name}: ${this.describe()} is visible` })
      .toBeGreaterThan(0);
  }

  /** Waits until the element is visible and nothing covers its centre, then clicks there. */
  async click(): Promise<void> {
    await this.waitFor();
    let center: { x: number; y: number; covered?: string } | null = null;
    await expect
      .poll(
        async () => {
          center = (await this.query({ op: "center" })) as typeof center;
          return center ? (center.covered ?? "ready") : "gone";
        },
        { timeout: TIMEOUT_MS, message: `${this.driver.name}: ${this.describe()} can be clicked` },
      )
      .toBe("ready");
    await this.driver.click(center!.x, center!.y);
  }

  /** Clicks the field, selects what it holds and types `text` over it. */
  async fill(text: string): Promise<void> {
    await this.click();
    await this.query({ op: "select" });
    await this.driver.type(text);
  }

  describe(): string {
    return this.steps
      .map((step) =>
        step.css
          ? step.css
          : `${step.role}${step.name === undefined ? "" : ` "${typeof step.name === "string" ? step.name : `/${step.name.source}/`}"`}${step.text ? ` with "${step.text}"` : ""}`,
      )
      .join(" » ");
  }
}

/** A locator from the page's root. */
export function locate(driver: EngineDriver, css: string): Locator {
  return new Locator(driver, [{ css }]);
}
