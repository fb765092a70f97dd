/**
 * What a Firefox or WebKit journey needs from a browser, whichever protocol drives it (firefox.ts: puppeteer-core
 * over WebDriver BiDi; webkit.ts: WebKitWebDriver), and locators on top of it that wait, scroll and then use the
 * browser's own input (real mouse clicks and key presses, not synthetic DOM events), like Playwright's.
 */
import { expect } from "@playwright/test";
import { pageQuery, type Query, type QueryResult, type Step } from "./page-query.js";

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
  close(): Promise<void>;
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

  /** Waits until at least one element matches and is visible. */
  async waitFor(timeout = TIMEOUT_MS): Promise<void> {
    await expect
      .poll(() => this.count(), { timeout, message: `${this.driver.name}: ${this.describe()} is visible` })
      .toBeGreaterThan(0);
  }

  async click(): Promise<void> {
    await this.waitFor();
    const center = (await this.query({ op: "center" })) as { x: number; y: number } | null;
    if (!center) throw new Error(`${this.driver.name}: ${this.describe()} went away before the click`);
    await this.driver.click(center.x, center.y);
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
