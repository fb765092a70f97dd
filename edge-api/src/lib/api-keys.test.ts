import { describe, expect, it } from "vitest";
import { testApp } from "../../test/helpers";
import { ApiKeyAuthenticator, VERIFICATION_TTL_MS } from "./api-keys";

const KEY = `px_${"a".repeat(43)}`;
const verified = { keyId: "key1", subject: "local:ada", permissions: ["generate", "images:read"], plan: "pro" };

async function setup(verify: (args: { key: string }) => unknown = () => verified) {
  let now = 1_000_000;
  const t = await testApp({ deps: { now: () => now }, convex: { "apiKeys:verify": verify } });
  const auth = new ApiKeyAuthenticator(
    t.app.services.convex,
    t.app.services.tokens,
    () => now,
    t.app.services.deps.cryptoProvider,
  );
  const verifyCalls = () => t.convex.calls.filter((c) => c.name === "apiKeys:verify");
  return { ...t, auth, verifyCalls, advance: (ms: number) => (now += ms) };
}

describe("ApiKeyAuthenticator", () => {
  it("asks Convex as the service and mints a 5-minute token for the key's owner", async () => {
    const { app, auth, verifyCalls } = await setup();
    const caller = await auth.authenticate(KEY);
    expect(caller?.key).toEqual(verified);
    const claims = await app.services.tokens.verifyToken(caller!.token.token);
    expect(claims).toMatchObject({ sub: "local:ada", scp: ["generate", "images:read"], akid: "key1" });
    expect(claims.exp - claims.iat).toBe(300);
    const [call] = verifyCalls();
    expect(call!.args).toEqual({ key: KEY });
    expect((await app.services.tokens.verifyToken(call!.token!)).scp).toEqual(["service"]);
  });

  it("refuses malformed keys without asking Convex", async () => {
    const { auth, verifyCalls } = await setup();
    for (const key of [
      "",
      "px_",
      `px_${"a".repeat(42)}`,
      `px_${"a".repeat(42)}!`,
      `pxs_${"a".repeat(43)}`,
      `${KEY} `,
    ]) {
      expect(await auth.authenticate(key)).toBeNull();
    }
    expect(verifyCalls()).toHaveLength(0);
  });

  it("keeps answers (null too) for 30 seconds, by the key's hash, and shares one in flight", async () => {
    const { auth, verifyCalls, advance } = await setup((args) => (args.key === KEY ? verified : null));
    await Promise.all([auth.authenticate(KEY), auth.authenticate(KEY)]);
    expect(verifyCalls()).toHaveLength(1);
    const unknown = `px_${"b".repeat(43)}`;
    expect(await auth.authenticate(unknown)).toBeNull();
    expect(await auth.authenticate(unknown)).toBeNull();
    expect(verifyCalls()).toHaveLength(2);
    advance(VERIFICATION_TTL_MS - 1);
    await auth.authenticate(KEY);
    expect(verifyCalls()).toHaveLength(2);
    advance(1);
    await auth.authenticate(KEY);
    expect(verifyCalls()).toHaveLength(3);
    const cacheKeys = [...(auth as unknown as { entries: Map<string, unknown> }).entries.keys()];
    expect(cacheKeys.every((k) => /^[A-Za-z0-9_-]{43}$/.test(k))).toBe(true);
    expect(cacheKeys.join()).not.toContain("aaaa");
  });

  it("does not keep a failed call to Convex", async () => {
    let fail = true;
    const { auth, verifyCalls } = await setup(() => {
      if (fail) throw new Error("Convex is down");
      return verified;
    });
    await expect(auth.authenticate(KEY)).rejects.toThrow(/down/);
    fail = false;
    expect((await auth.authenticate(KEY))?.key).toEqual(verified);
    expect(verifyCalls()).toHaveLength(2);
  });
});
