/**
 * First-party sign-in through Clerk on the demo site (issue 15): with a Clerk publishable key the pages load
 * clerk-js (here a fake with the same few methods, tests/support/fake-clerk.ts, since Clerk's hosted API is out
 * of reach), show Clerk's sign-in and user button, and trade Clerk session JWTs — signed by a key the real edge
 * API trusts through CLERK_JWT_KEY — for Pixorly tokens at `POST /v1/session/token`; a refused token is said
 * clearly; without the key nothing of Clerk is on the page. Plus the token cache's refresh rule, in Node.
 */
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clerkSignIn } from "../demo/clerk-plugin";
import { TokenCache } from "../demo/src/token-cache";
import { ROOT, freePort, startOfflineBackend, type OfflineBackend } from "./support/offline-backend.js";

const CHROMIUM = "/usr/bin/chromium";
const CLERK_ISSUER = "https://clerk.pixorly.test";
const PUBLISHABLE_KEY = "pk_test_Y2xlcmsucGl4b3JseS50ZXN0JA";
const AXE = fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

/** axe-core in the page: violations of impact serious or critical, by rule id. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe.run();
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
  });
}

describe("token cache", () => {
  it("keeps a token until a minute before it expires, shares one fetch, and forgets on clear", async () => {
    let now = 1_000_000;
    let fetches = 0;
    const waiting: (() => void)[] = [];
    const release = () => waiting.shift()!();
    const cache = new TokenCache(
      async () => {
        const n = ++fetches;
        await new Promise<void>((resolve) => waiting.push(resolve));
        return { token: `t${n}`, expiresAt: now + 15 * 60_000 };
      },
      () => now,
    );
    const both = Promise.all([cache.get(), cache.get()]);
    release();
    expect(await both).toEqual(["t1", "t1"]);
    now += 13 * 60_000;
    expect(await cache.get()).toBe("t1");
    now += 60_000 + 1; // 59 s left: fetched again before it expires
    const next = cache.get();
    release();
    expect(await next).toBe("t2");
    const forced = cache.get(true);
    release();
    expect(await forced).toBe("t3");
    // A fetch in flight when the user signs out is not cached for the next one.
    const stale = cache.get(true);
    cache.clear();
    const fresh = cache.get();
    release();
    await stale;
    release();
    expect(await fresh).toBe("t5");
    expect(fetches).toBe(5);
  });

  it("puts the Clerk tags on the pages only with a publishable key, and refuses a secret key", () => {
    const tags = (env: Record<string, string | undefined>) =>
      (
        clerkSignIn("http://127.0.0.1:8787", env).transformIndexHtml as unknown as () => {
          tag: string;
          attrs?: Record<string, string>;
          children?: string;
          injectTo: string;
        }[]
      )();
    expect(tags({})).toEqual([]);
    expect(
      tags({ CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY }).map((tag) => [
        tag.tag,
        tag.attrs?.name,
        tag.attrs?.content,
        tag.injectTo,
      ]),
    ).toEqual([
      ["meta", "pixorly-clerk-publishable-key", PUBLISHABLE_KEY, "head-prepend"],
      ["meta", "pixorly-session-api-url", "http://127.0.0.1:8787", "head-prepend"],
      // The studios' switch to the Clerk sign-in runs at the end of the body, before any module script.
      ["script", undefined, undefined, "body"],
    ]);
    expect(() => clerkSignIn("http://x", { CLERK_PUBLISHABLE_KEY: "sk_test_secret" })).toThrow(
      /pk_test_… or pk_live_…/,
    );
  });
});

describe("demo pages signed in through Clerk", () => {
  let backend: OfflineBackend;
  let vite: ViteDevServer;
  let browser: Browser;
  let demoUrl: string;
  let mint: (userId: string, trusted: boolean) => Promise<string>;

  beforeAll(async () => {
    const port = await freePort();
    demoUrl = `http://127.0.0.1:${port}`;
    const trusted = await generateKeyPair("RS256", { extractable: true });
    const other = await generateKeyPair("RS256");
    mint = (userId, isTrusted) =>
      new SignJWT({ azp: demoUrl, sid: `sess_${userId}` })
        .setProtectedHeader({ alg: "RS256", kid: "ins_test", typ: "JWT" })
        .setIssuer(CLERK_ISSUER)
        .setSubject(userId)
        .setIssuedAt()
        .setNotBefore(Math.floor(Date.now() / 1000) - 5)
        .setExpirationTime("60s")
        .sign(isTrusted ? trusted.privateKey : other.privateKey);
    // The edge API (a child process) inherits these: it trusts the test's Clerk instance for the demo's origin.
    process.env.CLERK_JWT_KEY = await exportSPKI(trusted.publicKey);
    process.env.CLERK_ISSUER = CLERK_ISSUER;
    process.env.CLERK_AUTHORIZED_PARTIES = demoUrl;
    backend = await startOfflineBackend({ corsOrigins: [demoUrl] });
    process.env.PIXORLY_CONVEX_URL = backend.convex.url;
    process.env.PIXORLY_API_URL = backend.edgeUrl;
    process.env.DEMO_PORT = String(port);
    process.env.PIXORLY_PARTNER_FILE = path.join(backend.tmp(), "partner.json");
    process.env.PIXORLY_DATA_DIR = backend.dataDir;
    process.env.CLERK_PUBLISHABLE_KEY = PUBLISHABLE_KEY;
    vite = await createServer({
      configFile: path.join(ROOT, "demo/vite.config.ts"),
      logLevel: "silent",
      server: { hmr: false },
      resolve: { alias: { "@clerk/clerk-js": path.join(ROOT, "tests/support/fake-clerk.ts") } },
    });
    await vite.listen();
    delete process.env.CLERK_PUBLISHABLE_KEY;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await vite?.close();
    await backend?.close();
  });

  interface Opened {
    page: Page;
    errors: string[];
    /** Every sign-in request: which route, and the Pixorly token's subject when one was answered. */
    exchanges: { route: string; status: number; sub?: string; bearer?: string }[];
    /** The sign-in requests as they are sent (the responses above are recorded a little later). */
    requests: string[];
  }

  async function open(name: string, user: string | null, { trusted = true } = {}): Promise<Opened> {
    const page = await browser.newPage();
    const errors: string[] = [];
    const exchanges: Opened["exchanges"] = [];
    const requests: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (req) => {
      const route = new URL(req.url()).pathname;
      if (req.method() === "POST" && (route === "/v1/session/token" || route === "/v1/dev/token")) requests.push(route);
    });
    page.on("response", async (res) => {
      const route = new URL(res.url()).pathname;
      if (route !== "/v1/session/token" && route !== "/v1/dev/token") return;
      if (res.request().method() !== "POST") return;
      const body = (await res.json().catch(() => ({}))) as { token?: string };
      const sub = body.token
        ? (JSON.parse(Buffer.from(body.token.split(".")[1]!, "base64url").toString()) as { sub: string }).sub
        : undefined;
      exchanges.push({
        route,
        status: res.status(),
        sub,
        bearer: await res
          .request()
          .headerValue("authorization")
          .then((v) => v ?? undefined),
      });
    });
    await page.exposeFunction("__mintClerkToken", (userId: string) => mint(userId, trusted));
    await page.addInitScript((initial) => Object.assign(window, { __fakeClerk: { user: initial } }), user);
    await page.goto(`${demoUrl}/${name}.html`);
    return { page, errors, exchanges, requests };
  }

  it("API keys page: Clerk's user button in the nav, the page's data as clerk:<user>, never the dev route", async () => {
    const { page, errors, exchanges, requests } = await open("keys", "user_ada");
    await page.getByText("No API keys yet").waitFor();
    await page
      .getByRole("group", { name: "Your account" })
      .getByRole("button", { name: "Sign out user_ada" })
      .waitFor();
    await expect.poll(() => exchanges.length).toBeGreaterThanOrEqual(1);
    for (const exchange of exchanges) {
      expect(exchange).toMatchObject({ route: "/v1/session/token", status: 200, sub: "clerk:user_ada" });
      expect(exchange.bearer).toMatch(/^Bearer eyJ/);
    }
    // The page shares one token; Convex asks once more for a fresh one after the first is confirmed (and again
    // before it expires). Clerk was loaded to come back to this page after signing in or out.
    expect(exchanges.length).toBeLessThanOrEqual(2);
    expect(await page.evaluate(() => (window as unknown as { __fakeClerkCalls: string[] }).__fakeClerkCalls)).toEqual([
      `new ${PUBLISHABLE_KEY}`,
      "load afterSignOutUrl,signInFallbackRedirectUrl,signUpFallbackRedirectUrl",
    ]);
    // The key made here belongs to the Clerk user.
    await page.getByLabel(/^Name/).fill("Clerk key");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.locator(".secret-panel code.secret-value").waitFor();
    expect(requests.filter((route) => route !== "/v1/session/token")).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("signed out: Clerk's sign-in opens, the page loads once signed in; signing out forgets the token", async () => {
    const { page, errors, exchanges, requests } = await open("account", null);
    const dialog = page.getByRole("dialog", { name: "Sign in (fake Clerk)" });
    await dialog.waitFor();
    await page.getByRole("group", { name: "Your account" }).getByRole("button", { name: "Sign in" }).waitFor();
    expect(exchanges).toEqual([]);
    await dialog.getByRole("button", { name: "Continue as user_grace" }).click();
    await page.getByText("2,000 credits").waitFor();
    await expect.poll(() => exchanges.length).toBeGreaterThanOrEqual(1);
    expect(new Set(exchanges.map((e) => e.sub))).toEqual(new Set(["clerk:user_grace"]));

    // Sign out through the user button: the page reloads signed out and asks for a sign-in again.
    const reloaded = page.waitForEvent("load");
    await page.getByRole("button", { name: "Sign out user_grace" }).click();
    await reloaded;
    const sentBefore = requests.length;
    await page.getByRole("dialog", { name: "Sign in (fake Clerk)" }).waitFor();
    await page.getByRole("group", { name: "Your account" }).getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.getByText("2,000 credits").count()).toBe(0);
    await page.waitForTimeout(500);
    expect(requests.length).toBe(sentBefore);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a Clerk token the edge API refuses: the reason in the nav and in the page, not a blank page", async () => {
    const { page, exchanges } = await open("keys", "user_mallory", { trusted: false });
    const reason = "Pixorly did not accept your Clerk sign-in: The Clerk session token is not valid.";
    await expect.poll(() => page.locator(".sign-in-controls [role=alert]").innerText()).toBe(reason);
    await expect.poll(() => page.locator("main").innerText()).toContain(reason);
    expect(await seriousViolations(page)).toEqual([]);
    await expect.poll(() => exchanges.length).toBeGreaterThanOrEqual(1);
    expect(exchanges[0]).toMatchObject({ route: "/v1/session/token", status: 401 });
    await page.close();
  });

  it("studio page: the studio takes its token from the Clerk sign-in", async () => {
    const { page, errors, exchanges, requests } = await open("studio", "user_ada");
    const studio = page.locator("pixorly-studio");
    await studio.getByRole("status").filter({ hasText: "Connected" }).waitFor({ timeout: 20_000 });
    expect(await studio.getAttribute("token-url")).toBeNull();
    await expect.poll(() => exchanges.length).toBeGreaterThanOrEqual(1);
    expect(exchanges.every((e) => e.route === "/v1/session/token" && e.sub === "clerk:user_ada")).toBe(true);
    expect(requests.filter((route) => route !== "/v1/session/token")).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
