/** Auth against auth.config.ts with a locally minted JWT whose JWKS is served on loopback. */
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./fixture/convex/_generated/api.js";
import { startHarness, startIssuer, waitFor, type Harness } from "./harness.js";

let h: Harness;
const clients: ConvexClient[] = [];

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await h.close();
});

function socketClient() {
  const c = new ConvexClient(h.server.url, { unsavedChangesWarning: false, logger: false });
  clients.push(c);
  return c;
}

describe("HTTP client", () => {
  it("a valid token yields the identity Convex would give", async () => {
    const client = new ConvexHttpClient(h.server.url);
    client.setAuth(await h.issuer.mint({ sub: "user-42", email: "a@example.com", name: "Ada", scp: ["generate"] }));
    const identity = await client.query(api.messages.whoami, {});
    expect(identity).toMatchObject({
      subject: "user-42",
      issuer: h.issuer.url,
      tokenIdentifier: `${h.issuer.url}|user-42`,
      email: "a@example.com",
      name: "Ada",
      scp: ["generate"],
    });
  });

  it("an OIDC provider's token is verified with keys found through discovery", async () => {
    const client = new ConvexHttpClient(h.server.url);
    client.setAuth(await h.oidc.mint({ sub: "clerk-user", given_name: "Grace", email_verified: true }));
    expect(await client.query(api.messages.whoami, {})).toMatchObject({
      subject: "clerk-user",
      tokenIdentifier: `${h.oidc.url}|clerk-user`,
      givenName: "Grace",
      emailVerified: true,
    });
  });

  it("no token means no identity", async () => {
    expect(await new ConvexHttpClient(h.server.url).query(api.messages.whoami, {})).toBeNull();
  });

  it.each([
    ["expired", async () => h.issuer.mint({ expiresIn: "-1m" }), /exp/],
    ["wrong audience", async () => h.issuer.mint({ audience: "someone-else" }), /aud/],
    ["garbage", async () => "not.a.jwt", /Could not/],
    [
      "signed by an unknown key",
      async () => {
        const stranger = await startIssuer();
        const token = await stranger.mint({ iss: h.issuer.url });
        await stranger.close();
        return token;
      },
      /Could not decode token/,
    ],
    [
      "from an issuer not in auth.config.ts",
      async () => {
        const stranger = await startIssuer();
        const token = await stranger.mint();
        await stranger.close();
        return token;
      },
      /No auth provider/,
    ],
  ])("a token that is %s is refused, never an identity", async (_name, token, reason) => {
    const client = new ConvexHttpClient(h.server.url);
    client.setAuth(await token());
    await expect(client.query(api.messages.whoami, {})).rejects.toThrow(reason);
  });
});

describe("socket client", () => {
  it("setAuth with a valid token confirms auth and queries see the user", async () => {
    const c = socketClient();
    const changes: boolean[] = [];
    c.setAuth(
      async () => h.issuer.mint({ sub: "socket-user" }),
      (ok) => changes.push(ok),
    );
    const seen: unknown[] = [];
    c.onUpdate(api.messages.whoami, {}, (v) => seen.push(v));
    await waitFor(() => changes.includes(true), "auth confirmation");
    await waitFor(
      () => seen.some((v) => (v as { subject?: string } | null)?.subject === "socket-user"),
      "identity in query",
    );
  });

  it("an action sent right after setAuth runs as the new identity, not signed out", async () => {
    const c = socketClient();
    c.setAuth(async () => h.issuer.mint({ sub: "acting-user" }));
    expect(await c.action(api.messages.whoamiAction, {})).toBe("acting-user");
  });

  it("a bad token gets AuthError: the client reports auth failure and has no identity", async () => {
    const c = socketClient();
    const changes: boolean[] = [];
    c.setAuth(
      async () => h.issuer.mint({ audience: "wrong" }),
      (ok) => changes.push(ok),
    );
    await waitFor(() => changes.includes(false), "auth failure");
    expect(changes).not.toContain(true);
    expect(await c.query(api.messages.whoami, {})).toBeNull();
    expect(h.logs.join("\n")).toMatch(/AuthError/);
  });
});
