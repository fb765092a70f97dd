/**
 * The partner example's server (examples/partner-site/server.mjs) against a stand-in for the edge API's
 * `POST /v1/embed/tokens`: what it sends Pixorly (the secret as Bearer, the visitor's id, the page's
 * origin, the TTL), whom it answers (only its own origins, only POST), and that Pixorly's refusals and a
 * missing secret reach the browser as plain errors without Pixorly's message. The whole journey against
 * the real stack is e2e/partner-journey.spec.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPartnerSite, type PartnerSite } from "../examples/partner-site/server.mjs";

interface Seen {
  authorization?: string;
  body: { userId: string; origin: string; ttlSeconds?: number };
}

let edge: http.Server;
let edgeUrl: string;
let answer: { status: number; body: unknown } = {
  status: 200,
  body: { token: "header.payload.signature", expiresAt: 1 },
};
const seen: Seen[] = [];
let secret: string | null = "pxs_test_secret";
let site: PartnerSite;
const logs: string[] = [];

beforeAll(async () => {
  edge = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      seen.push({ authorization: req.headers.authorization, body: JSON.parse(text) });
      res.writeHead(answer.status, { "Content-Type": "application/json" }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => edge.listen(0, "127.0.0.1", resolve));
  edgeUrl = `http://127.0.0.1:${(edge.address() as AddressInfo).port}`;
  site = await startPartnerSite({
    port: 0,
    apiUrl: edgeUrl,
    convexUrl: "http://127.0.0.1:3210",
    scriptUrl: `${edgeUrl}/elements/pixorly.js`,
    secret: () => secret,
    ttlSeconds: 120,
    log: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await site.close();
  await new Promise((resolve) => edge.close(resolve));
});

const token = (origin: string | null, cookie = "acme_user=acme-visitor-1") =>
  fetch(`${site.url}/api/pixorly-token`, {
    method: "POST",
    headers: { ...(origin ? { Origin: origin } : {}), Cookie: cookie },
    body: "{}",
  });

describe("partner example server", () => {
  it("serves the page with one script tag and the studio pointed at Pixorly, and gives the visitor an id", async () => {
    const page = await fetch(`${site.url}/`);
    const html = await page.text();
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toContain(`<script type="module" src="${edgeUrl}/elements/pixorly.js"></script>`);
    expect(html).toContain(`api-url="${edgeUrl}"`);
    expect(html).toContain('token-url="/api/pixorly-token"');
    expect(html).not.toContain("pxs_");
    expect(page.headers.get("set-cookie")).toMatch(/^acme_user=acme-[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect((await fetch(`${site.url}/server.mjs`)).status).toBe(404);
  });

  it("mints through the edge API with the secret, the visitor's id and the page's origin", async () => {
    for (const origin of [site.url, `http://localhost:${site.port}`]) {
      const response = await token(origin);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ token: "header.payload.signature", expiresAt: 1 });
      expect(seen.at(-1)).toEqual({
        authorization: "Bearer pxs_test_secret",
        body: { userId: "acme-visitor-1", origin, ttlSeconds: 120 },
      });
    }
  });

  it("answers only its own pages, and only POST", async () => {
    const before = seen.length;
    expect((await token("https://evil.example")).status).toBe(403);
    expect((await token(null)).status).toBe(403);
    expect((await fetch(`${site.url}/api/pixorly-token`)).status).toBe(405);
    expect(seen.length).toBe(before);
  });

  it("turns Pixorly's refusal into a plain 502 and logs Pixorly's reason for the operator", async () => {
    answer = { status: 401, body: { code: "UNAUTHENTICATED", message: "Unknown partner secret key." } };
    try {
      const response = await token(site.url);
      expect(response.status).toBe(502);
      const body = await response.text();
      expect(body).not.toContain("Unknown partner secret key");
      expect(logs.at(-1)).toContain("401 UNAUTHENTICATED Unknown partner secret key.");
    } finally {
      answer = { status: 200, body: { token: "header.payload.signature", expiresAt: 1 } };
    }
  });

  it("says the secret is missing rather than calling Pixorly without one", async () => {
    secret = null;
    const before = seen.length;
    try {
      const response = await token(site.url);
      expect(response.status).toBe(500);
      expect(((await response.json()) as { error: string }).error).toContain("PIXORLY_PARTNER_SECRET");
      expect(seen.length).toBe(before);
    } finally {
      secret = "pxs_test_secret";
    }
  });
});
