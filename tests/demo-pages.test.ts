/**
 * Smoke test of the demo's API keys, account, webhooks, partner, outbox and operations pages in Chromium, served by Vite from
 * demo/ as `npm start` serves them, against convex-local and the edge API: each page's empty state,
 * its main flow driven from the keyboard, its error state, and no serious axe violations.
 */
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../cli/deployment.js";
import { ensureLocalPartner } from "../cli/local-partner.js";
import { ROOT, freePort, startOfflineBackend, type OfflineBackend } from "./support/offline-backend.js";

const CHROMIUM = "/usr/bin/chromium";
const AXE = fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

let backend: OfflineBackend;
let vite: ViteDevServer;
let browser: Browser;
let demoUrl: string;
let partnerFile: string;

beforeAll(async () => {
  const port = await freePort();
  demoUrl = `http://127.0.0.1:${port}`;
  backend = await startOfflineBackend({ corsOrigins: [demoUrl] });
  // demo/vite.config.ts reads these when Vite loads it.
  process.env.PIXORLY_CONVEX_URL = backend.convex.url;
  process.env.PIXORLY_API_URL = backend.edgeUrl;
  process.env.DEMO_PORT = String(port);
  // The partner dashboard's dev-server routes: the local partner's file and the admin key's data directory.
  partnerFile = path.join(backend.tmp(), "partner.json");
  process.env.PIXORLY_PARTNER_FILE = partnerFile;
  process.env.PIXORLY_DATA_DIR = backend.dataDir;
  await ensureLocalPartner(
    connect({ CONVEX_URL: backend.convex.url, PIXORLY_DATA_DIR: backend.dataDir }, ROOT),
    partnerFile,
    [demoUrl],
  );
  vite = await createServer({
    configFile: path.join(ROOT, "demo/vite.config.ts"),
    logLevel: "silent",
    server: { hmr: false },
  });
  await vite.listen();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await vite?.close();
  await backend?.close();
});

async function open(name: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${demoUrl}/${name}.html`);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

/** axe-core in the page: violations of impact serious or critical, by rule id. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const ids = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe.run();
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
  });
  return ids;
}

describe("demo pages", () => {
  it("API keys: empty state, create from the keyboard (shown once), revoke through the dialog", async () => {
    const page = await open("keys");
    await page.getByText("No API keys yet").waitFor();
    expect(await page.locator("#site-nav a[aria-current=page]").innerText()).toBe("API keys");

    await page.getByRole("button", { name: "Create key" }).click();
    await expect.poll(() => page.locator("#create-error").innerText()).toContain("Give the key a name.");

    await page.getByLabel(/^Name/).fill("Nightly export");
    await page.getByLabel(/^Name/).press("Enter");
    const secret = page.locator(".secret-panel code.secret-value");
    await secret.waitFor();
    expect(await secret.innerText()).toMatch(/^px_/);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("secret-panel"))).toBe(true);
    const row = page.getByRole("row", { name: /Nightly export/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/generate[\s\S]*images:read[\s\S]*Never used[\s\S]*Active/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Revoke Nightly export" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => row.innerText()).toMatch(/Revoked/);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("Account: balance and limits, then charts once there is usage", async () => {
    const page = await open("account");
    await page.getByText("2,000 credits").waitFor();
    await page.getByText("No usage in this period").waitFor();
    expect(await page.getByRole("row", { name: /Generations this month/ }).innerText()).toMatch(/0\s+500/);

    // A generation by the same local user; the page follows it live.
    const { token } = (await (
      await fetch(`${backend.edgeUrl}/v1/dev/token`, {
        method: "POST",
        body: "{}",
        headers: { "Content-Type": "application/json" },
      })
    ).json()) as { token: string };
    const client = new ConvexHttpClient(backend.convex.url, { auth: token, logger: false });
    await client.mutation(makeFunctionReference<"mutation">("jobs:create"), {
      prompt: "a paper boat",
      model: "local/aurora",
      parameters: { width: 64, height: 64 },
    });
    await page.locator("canvas[role=img]").nth(2).waitFor({ timeout: 20_000 });
    expect(await page.locator("canvas[role=img]").count()).toBe(3);
    expect(await page.getByRole("img", { name: /Spend by model\. local\/aurora/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("Webhooks: add an endpoint (secret shown once), send a test, see it delivered and replay it", async () => {
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      received.push(String(req.headers["webhook-id"]));
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const page = await open("webhooks");
      await page.getByText("No endpoints yet").waitFor();
      await page.getByLabel(/^URL/).fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`);
      await page.getByRole("button", { name: "Add endpoint" }).click();
      const secret = page.locator(".secret-panel code.secret-value");
      await secret.waitFor({ timeout: 15_000 });
      expect(await secret.innerText()).toMatch(/^whsec_/);

      await page.getByRole("button", { name: /^Send test to/ }).click();
      const delivered = page.getByRole("row", { name: /webhook\.test/ }).filter({ hasText: "Delivered" });
      await delivered.first().waitFor({ timeout: 20_000 });
      await delivered
        .first()
        .getByRole("button", { name: /^Replay/ })
        .click();
      await expect.poll(() => received.length, { timeout: 20_000 }).toBe(2);
      expect(received[1]).toBe(received[0]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    } finally {
      receiver.close();
    }
  });

  it("Partner: keys (secret hidden until asked), rotation with the file kept current, embed code; its routes refuse other callers", async () => {
    const before = JSON.parse(fs.readFileSync(partnerFile, "utf8")) as { secretKey: string; publishableKey: string };
    const page = await open("partner");
    await page.getByText(before.publishableKey).waitFor();
    expect(await page.getByText(before.secretKey).count()).toBe(0);
    await page.getByRole("button", { name: "Show" }).click();
    expect(await page.getByText(before.secretKey, { exact: true }).count()).toBe(1);
    expect(await page.locator("#embed").innerText()).toContain(`"origin":"${demoUrl}"`);

    await page.getByLabel("Old secret keeps working for").selectOption("0");
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.locator("#rotate-result").getByText("the old one stopped working").waitFor();
    const after = JSON.parse(fs.readFileSync(partnerFile, "utf8")) as { secretKey: string };
    expect(after.secretKey).not.toBe(before.secretKey);
    const mint = (secret: string) =>
      fetch(`${backend.edgeUrl}/v1/embed/tokens`, {
        method: "POST",
        headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
        body: JSON.stringify({ userId: "u1", origin: demoUrl }),
      });
    expect((await mint(after.secretKey)).status).toBe(200);
    expect((await mint(before.secretKey)).status).toBe(401);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();

    expect((await fetch(`${demoUrl}/__pixorly/partner`)).status).toBe(403);
    expect(
      (
        await fetch(`${demoUrl}/__pixorly/partner`, {
          headers: { "X-Pixorly-Local": "1", Origin: "https://evil.example" },
        })
      ).status,
    ).toBe(403);
  });

  it("Partner: usage by day of all its users together, as a chart with its numbers", async () => {
    const { secretKey } = JSON.parse(fs.readFileSync(partnerFile, "utf8")) as { secretKey: string };
    const jobsGet = makeFunctionReference<"query", { jobId: string }, { status: string } | null>("jobs:get");
    for (const userId of ["shop-user-1", "shop-user-2"]) {
      const res = await fetch(`${backend.edgeUrl}/v1/embed/tokens`, {
        method: "POST",
        headers: { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ userId, origin: demoUrl }),
      });
      const { token } = (await res.json()) as { token: string };
      const client = new ConvexHttpClient(backend.convex.url, { auth: token, logger: false });
      const jobId = (await client.mutation(makeFunctionReference<"mutation">("jobs:create"), {
        prompt: `a shop window ${userId}`,
        model: "local/aurora",
        parameters: { width: 64, height: 64, numImages: 2 },
      })) as string;
      await expect
        .poll(async () => (await client.query(jobsGet, { jobId }))?.status, { timeout: 20_000 })
        .toBe("completed");
    }
    const page = await open("partner");
    const chart = page.getByRole("img", {
      name: /^Generations and credits per day\. 4 images worth 4 credits over 30 days/,
    });
    await chart.waitFor({ timeout: 15_000 });
    await page.locator("#usage-totals").getByText("4", { exact: true }).first().waitFor();
    await page.locator("#usage details.data summary").click();
    const today = new Date().toISOString().slice(0, 10);
    expect(await page.getByRole("row", { name: new RegExp(`^${today}`) }).innerText()).toMatch(/4\s+4\s+0/);
    expect(await seriousViolations(page)).toEqual([]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
    expect((await fetch(`${demoUrl}/__pixorly/partner/usage?days=30`)).status).toBe(403);
    expect(
      (await (
        await fetch(`${demoUrl}/__pixorly/partner/usage?days=365`, { headers: { "X-Pixorly-Local": "1" } })
      ).json()) as { message: string },
    ).toMatchObject({ message: expect.stringContaining("days must be a whole number from 1 to 90") });
  });

  it("Operations: queue, webhook backlog, outcomes and durations per model as charts; its route refuses other callers", async () => {
    const page = await open("ops");
    expect(await page.locator("#site-nav a[aria-current=page]").innerText()).toBe("Operations");
    await page.locator("#now").getByText("Queue: local").waitFor();
    expect(await page.locator("#now").innerText()).toMatch(/Webhook backlog\s+0 pending/);
    await page
      .getByRole("img", { name: /^Generations per hour \(UTC\)\. \d+ completed and \d+ failed/ })
      .waitFor({ timeout: 15_000 });
    await page
      .getByRole("img", { name: /^Mean generation time per model \(seconds\)\. local\/aurora: 100 % success/ })
      .waitFor();
    expect(await page.getByRole("row", { name: /^local\/aurora/ }).innerText()).toMatch(
      /local\/aurora\s+\d+\s+0\s+100 %\s+[\d.]+ s/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
    expect((await fetch(`${demoUrl}/__pixorly/ops`)).status).toBe(403);
    expect(
      (await fetch(`${demoUrl}/__pixorly/ops`, { headers: { "X-Pixorly-Local": "1", Origin: "https://evil.example" } }))
        .status,
    ).toBe(403);
  });

  it("Outbox: an export is requested, built, announced in the outbox, and downloaded through the signed link", async () => {
    const page = await open("outbox");
    await page.getByText("No exports yet.").waitFor();
    await page.getByRole("button", { name: "Export my data" }).click();
    const ready = page.getByRole("button", { name: /^Download the export of/ });
    await ready.waitFor({ timeout: 30_000 });
    await page.getByText("Your Pixorly data export is ready").waitFor({ timeout: 15_000 });
    expect(await page.locator("#outbox").innerText()).toMatch(/Export ready/);
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 15_000 }), ready.click()]);
    expect(download.suggestedFilename()).toMatch(/^pixorly-export-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(await seriousViolations(page)).toEqual([]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("says so when the local user cannot be signed in", async () => {
    const page = await browser.newPage();
    await page.route("**/v1/dev/token", (route) => route.abort());
    await page.goto(`${demoUrl}/keys.html`);
    await expect.poll(() => page.locator("#key-list").innerText(), { timeout: 15_000 }).toMatch(/Could not/);
    await page.close();
  });
});
