/**
 * The developer journey: an API key created on the demo's keys page, REST calls with it from a server
 * (plain fetch, as curl would), and a webhook endpoint registered on the webhooks page that receives
 * `generation.completed` on a loopback receiver, its signature verified with `standardwebhooks`.
 */
import { expect, test } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { stackInfo } from "./support/stack-info.js";
import { pageErrors } from "./support/studio.js";

const stack = stackInfo();

interface Delivery {
  headers: Record<string, string>;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that keeps every request it gets. */
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[]; close(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      deliveries.push({ headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/pixorly`,
    deliveries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test("API key in the UI → REST generate, status and library → a signed generation.completed webhook", async ({
  page,
}) => {
  const errors = pageErrors(page);
  const receiver = await startReceiver();
  try {
    // A webhook endpoint for every event; its signing secret is shown once.
    await page.goto(`${stack.demoUrl}/webhooks.html`);
    await page.getByLabel(/^URL/).fill(receiver.url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const webhookSecret = await page.locator(".secret-panel code.secret-value").innerText({ timeout: 20_000 });
    expect(webhookSecret).toMatch(/^whsec_/);

    // An API key with the default permissions; its secret is shown once.
    await page.goto(`${stack.demoUrl}/keys.html`);
    await page.getByLabel(/^Name/).fill("Build server");
    await page.getByRole("button", { name: "Create key" }).click();
    const apiKey = await page.locator(".secret-panel code.secret-value").innerText();
    expect(apiKey).toMatch(/^px_/);
    expect(errors).toEqual([]);

    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${stack.edgeUrl}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json", ...init.headers },
      });

    const models = (await (await api("/api/v1/models")).json()) as { models: { id: string }[] };
    expect(models.models.map((model) => model.id)).toEqual(
      expect.arrayContaining(["local/aurora", "local/mosaic", "local/nebula"]),
    );
    expect(
      (await fetch(`${stack.edgeUrl}/api/v1/models`, { headers: { Authorization: "Bearer px_not_a_key" } })).status,
    ).toBe(401);

    const created = await api("/api/v1/generate", {
      method: "POST",
      body: JSON.stringify({ prompt: "a lighthouse drawn in ink", model: "local/aurora" }),
    });
    expect(created.status).toBeLessThan(300);
    const { jobId } = (await created.json()) as { jobId: string };
    expect(jobId).toEqual(expect.any(String));

    let imageIds: string[] = [];
    await expect
      .poll(
        async () => {
          const status = (await (await api(`/api/v1/status/${jobId}`)).json()) as {
            status: string;
            images?: { id: string }[];
          };
          imageIds = status.images?.map((image) => image.id) ?? [];
          return status.status;
        },
        { timeout: 60_000 },
      )
      .toBe("completed");
    expect(imageIds).toHaveLength(1);
    const library = (await (await api("/api/v1/images")).json()) as { images: { id: string }[] };
    expect(library.images.map((image) => image.id)).toContain(imageIds[0]);

    // The webhook: generation.completed for this job, signed with the endpoint's secret.
    const completed = async () =>
      receiver.deliveries.find((d) => d.body.includes('"generation.completed"') && d.body.includes(jobId));
    await expect.poll(completed, { timeout: 30_000 }).toBeTruthy();
    const delivery = (await completed())!;
    const verifier = new Webhook(webhookSecret);
    const event = verifier.verify(delivery.body, delivery.headers) as {
      type: string;
      data: { jobId: string; imageIds: string[] };
    };
    expect(event.type).toBe("generation.completed");
    expect(event.data.jobId).toBe(jobId);
    expect(event.data.imageIds).toEqual(imageIds);
    // A body changed on the way, or another endpoint's secret, does not verify.
    expect(() => verifier.verify(delivery.body.replace(jobId, "tampered"), delivery.headers)).toThrow();
    expect(() =>
      new Webhook(`whsec_${Buffer.from("another endpoint's secret").toString("base64")}`).verify(
        delivery.body,
        delivery.headers,
      ),
    ).toThrow();
  } finally {
    await receiver.close();
  }
});
