/**
 * The partner journey across origins, on examples/partner-site: the page (its own origin) loads pixorly.js
 * from Pixorly's edge API with one script tag; the studio gets its tokens from the partner's server, which
 * holds the secret key; the edge API answers the partner's origin (CORS) and holds each token to the origin
 * it was minted for; the studio refreshes its short-lived token; and once the partner's secret is rotated
 * away (revoked), the partner server cannot mint any more and the studio says it could not sign in.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { stackInfo } from "./support/stack-info.js";
import { pageErrors } from "./support/studio.js";

const stack = stackInfo();
const EVIL = "https://evil.example";

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

async function mint(request: APIRequestContext, origin: string) {
  return request.post(`${stack.partnerUrl}/api/pixorly-token`, { headers: { Origin: origin }, data: {} });
}

test.describe.configure({ mode: "serial" });

test("the partner's server mints tokens bound to its origin, and only for its own pages", async ({ request }) => {
  const answer = await mint(request, stack.partnerUrl);
  expect(answer.status()).toBe(200);
  const { token } = (await answer.json()) as { token: string };
  const claims = claimsOf(token);
  expect(claims.origin).toBe(stack.partnerUrl);
  expect(String(claims.sub)).toMatch(new RegExp(`^partner:${stack.partnerId}:acme-`));
  expect((claims.exp as number) - (claims.iat as number)).toBe(stack.partnerTokenTtlSeconds);

  // Another site cannot have the partner's server sign its visitor in.
  expect((await mint(request, EVIL)).status()).toBe(403);

  // The origin claim: the token works from the partner's page and nowhere else.
  const call = (origin: string) =>
    request.post(`${stack.edgeUrl}/v1/images/urls`, {
      headers: { Authorization: `Bearer ${token}`, Origin: origin },
      data: { ids: ["k57a9m3h0w7sx4nqf1tpe2d6bd7ckq3m"] },
    });
  expect((await call(stack.partnerUrl)).status()).toBe(200);
  const elsewhere = await call(stack.demoUrl);
  expect(elsewhere.status()).toBe(403);
  expect(((await elsewhere.json()) as { message: string }).message).toBe(
    `This token may only be used from ${stack.partnerUrl}.`,
  );

  // CORS: the edge API answers the partner's origin (it is registered for the partner) and no other.
  const preflight = (origin: string) =>
    request.fetch(`${stack.edgeUrl}/v1/images/urls`, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
  expect((await preflight(stack.partnerUrl)).headers()["access-control-allow-origin"]).toBe(stack.partnerUrl);
  expect((await preflight(EVIL)).headers()["access-control-allow-origin"]).toBeUndefined();
});

test("a visitor of the partner's site generates an image; the studio refreshes its token; a revoked secret shows an error", async ({
  page,
  request,
}) => {
  const errors = pageErrors(page);
  const tokenAnswers: number[] = [];
  page.on("response", (response) => {
    if (response.url() === `${stack.partnerUrl}/api/pixorly-token`) tokenAnswers.push(response.status());
  });
  const scripts: string[] = [];
  page.on("request", (req) => {
    if (req.resourceType() === "script") scripts.push(req.url());
  });

  await page.goto(`${stack.partnerUrl}/`);
  await expect(page.getByRole("heading", { name: "Design your poster" })).toBeVisible();
  const studio = page.locator("pixorly-studio");
  await expect(studio.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  // One script tag, loaded from Pixorly's API origin (its `/elements` route), not the partner's.
  expect(scripts[0]).toBe(`${stack.edgeUrl}/elements/pixorly.js`);
  expect(tokenAnswers).toEqual([200]);

  await studio.getByRole("textbox", { name: "Prompt" }).fill("a tall ship in a bottle");
  await studio.getByRole("radio", { name: "Aurora" }).check();
  await studio.getByRole("button", { name: "Generate" }).click();
  const results = studio.getByRole("region", { name: "Results" });
  await expect(results.getByRole("status").filter({ hasText: "Done: 1 image" })).toBeVisible({ timeout: 60_000 });
  // The image itself comes through the edge API (signed URL asked for from the partner's origin, CORS).
  const image = results.getByRole("button", { name: "Open image: a tall ship in a bottle" }).getByRole("img");
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);

  // The token lives 60 s; the studio asks the partner's server for a fresh one before it runs out.
  await expect
    .poll(() => tokenAnswers.length, { timeout: stack.partnerTokenTtlSeconds * 1000 })
    .toBeGreaterThanOrEqual(2);
  expect(tokenAnswers.every((status) => status === 200)).toBe(true);
  await expect(studio.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();

  // The operator rotates the secret with no grace (the demo's partner dashboard route): the key the
  // partner's server was deployed with stops working once the edge API's 30-second cache of it lapses.
  const rotated = await request.post(`${stack.demoUrl}/__pixorly/partner/rotate`, {
    headers: { "X-Pixorly-Local": "1" },
    data: { graceSeconds: 0 },
  });
  expect(rotated.status()).toBe(200);
  await expect
    .poll(async () => (await mint(request, stack.partnerUrl)).status(), { timeout: 45_000, intervals: [2_000] })
    .toBe(502);

  await page.reload();
  await expect(studio.getByText(/Could not sign in/)).toBeVisible();
  expect(tokenAnswers.at(-1)).toBe(502);
  expect(errors).toEqual([]);
});
