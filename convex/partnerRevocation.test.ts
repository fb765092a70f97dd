/** Partner suspend, delete and secret rotation revoke the partner's embed sessions and its users' API keys. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { codeOf, errorOf, newBackend, partnerUser, service, signedIn, type Backend } from "./setup.testing";
import { jobIdOf } from "./jobResult.testing";

let t: Backend;
beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

const partnerArgs = {
  name: "Acme",
  allowedOrigins: ["https://acme.example"],
  allowedScopes: ["generate", "images:read"],
};
const request = { prompt: "a lighthouse", model: "local/aurora", parameters: { width: 256, height: 256 } };
const DAY_MS = 86_400_000;

async function newPartner() {
  return await t.mutation(internal.partners.create, partnerArgs);
}

async function partnerKey(partnerId: string, userId = "u1") {
  return await service(t).mutation(api.apiKeys.createForPartnerUser, {
    partnerId,
    userId,
    name: "cli",
    permissions: ["generate"],
    expiresAt: Date.now() + 30 * DAY_MS,
  });
}

describe("a partner's embed session", () => {
  it("works while the partner is active and its token carries the current version", async () => {
    const { partnerId } = await newPartner();
    const user = partnerUser(t, partnerId, "u1", { pver: 1 });
    await expect(user.mutation(api.jobs.create, request).then(jobIdOf)).resolves.toBeTypeOf("string");
    expect(await user.query(api.jobs.me, {})).toMatchObject({ plan: "pro", credits: 0 });
  });

  it("follows the partner's plan when operators change it", async () => {
    const { partnerId } = await newPartner();
    const user = partnerUser(t, partnerId, "u1", { pver: 1 });
    await user.mutation(api.users.ensure, {});
    await t.run(async (ctx) => await ctx.db.patch(partnerId, { plan: "enterprise" }));
    expect(await user.mutation(api.users.ensure, {})).toMatchObject({ plan: "enterprise", credits: 0 });
  });

  it("is refused without pver, or with a version the partner never issued", async () => {
    const { partnerId } = await newPartner();
    for (const user of [partnerUser(t, partnerId, "u1"), partnerUser(t, partnerId, "u1", { pver: 2 })]) {
      const error = await errorOf(user.mutation(api.jobs.create, request).then(jobIdOf));
      expect(error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) });
    }
  });

  it("is refused once the partner is suspended, and stays refused after reactivation (new tokens work)", async () => {
    const { partnerId, secretKey } = await newPartner();
    const old = partnerUser(t, partnerId, "u1", { pver: 1 });
    await old.query(api.jobs.listActive, {});
    await t.mutation(internal.partners.suspend, { partnerId });
    expect(await codeOf(old.query(api.jobs.listActive, {}))).toBe("UNAUTHENTICATED");
    expect(await service(t).query(api.partners.authenticate, { secretKey })).toBeNull();
    expect(await service(t).query(api.partners.origins, {})).toEqual([]);
    await t.mutation(internal.partners.reactivate, { partnerId });
    expect(await codeOf(old.query(api.jobs.listActive, {}))).toBe("UNAUTHENTICATED");
    await expect(partnerUser(t, partnerId, "u1", { pver: 2 }).query(api.jobs.listActive, {})).resolves.toEqual([]);
    expect(await service(t).query(api.partners.authenticate, { secretKey })).toMatchObject({ tokenVersion: 2 });
  });

  it("is refused, with its secret, once the partner is deleted", async () => {
    const { partnerId, secretKey } = await newPartner();
    const user = partnerUser(t, partnerId, "u1", { pver: 1 });
    await user.mutation(api.users.ensure, {});
    await t.mutation(internal.partners.remove, { partnerId });
    expect(await codeOf(user.mutation(api.users.ensure, {}))).toBe("UNAUTHENTICATED");
    expect(await codeOf(user.query(api.jobs.me, {}))).toBe("UNAUTHENTICATED");
    expect(await service(t).query(api.partners.authenticate, { secretKey })).toBeNull();
  });
});

describe("secret rotation", () => {
  it("keeps the old secret and its tokens working until the grace period ends, then neither", async () => {
    const { partnerId, secretKey: oldSecret } = await newPartner();
    const rotated = await t.mutation(internal.partners.rotateSecret, { partnerId, graceSeconds: 600 });
    expect(rotated.tokenVersion).toBe(2);
    expect(await service(t).query(api.partners.authenticate, { secretKey: rotated.secretKey })).toMatchObject({
      tokenVersion: 2,
    });
    // The old secret still authenticates, but mints tokens of the old version, which die with it.
    expect(await service(t).query(api.partners.authenticate, { secretKey: oldSecret })).toMatchObject({
      tokenVersion: 1,
    });
    const oldToken = partnerUser(t, partnerId, "u1", { pver: 1 });
    await expect(oldToken.query(api.jobs.listActive, {})).resolves.toEqual([]);

    vi.advanceTimersByTime(600_000);
    expect(await service(t).query(api.partners.authenticate, { secretKey: oldSecret })).toBeNull();
    expect(await codeOf(oldToken.query(api.jobs.listActive, {}))).toBe("UNAUTHENTICATED");
    await expect(partnerUser(t, partnerId, "u1", { pver: 2 }).query(api.jobs.listActive, {})).resolves.toEqual([]);
  });

  it("defaults to one hour of grace and refuses a grace that is not a whole number of seconds up to a week", async () => {
    const { partnerId } = await newPartner();
    const rotated = await t.mutation(internal.partners.rotateSecret, { partnerId });
    expect(rotated.graceEndsAt - Date.now()).toBe(3_600_000);
    for (const graceSeconds of [-1, 1.5, 8 * 86_400, Number.NaN]) {
      expect((await errorOf(t.mutation(internal.partners.rotateSecret, { partnerId, graceSeconds }))).fields).toEqual([
        expect.objectContaining({ field: "graceSeconds" }),
      ]);
    }
  });
});

describe("API keys and partners", () => {
  it("an embed token cannot create an API key; an API-key session cannot either", async () => {
    const { partnerId } = await newPartner();
    const embed = partnerUser(t, partnerId, "u1", { pver: 1 });
    const error = await errorOf(embed.mutation(api.apiKeys.create, { name: "forever", permissions: ["generate"] }));
    expect(error.code).toBe("FORBIDDEN");
    const viaKey = t.withIdentity({
      subject: "ada",
      issuer: "https://edge.test",
      tokenIdentifier: "https://edge.test|ada",
      scp: ["generate"],
      akid: "k1",
    });
    expect(await codeOf(viaKey.mutation(api.apiKeys.create, { name: "more", permissions: ["generate"] }))).toBe(
      "FORBIDDEN",
    );
    await expect(
      signedIn(t, "ada").mutation(api.apiKeys.create, { name: "mine", permissions: ["generate"] }),
    ).resolves.toBeDefined();
  });

  it("a partner's server creates expiring keys for its users, acting as the same user as their embed tokens", async () => {
    const { partnerId } = await newPartner();
    const created = await partnerKey(partnerId);
    expect(created.key).toMatch(/^px_/);
    const verified = await service(t).mutation(api.apiKeys.verify, { key: created.key });
    expect(verified).toMatchObject({ subject: `partner:${partnerId}:u1`, permissions: ["generate"], plan: "pro" });
    const users = await t.run(async (ctx) => await ctx.db.query("users").collect());
    expect(users).toEqual([
      expect.objectContaining({ tokenIdentifier: `https://edge.test|partner:${partnerId}:u1`, credits: 0, partnerId }),
    ]);
  });

  it("createForPartnerUser requires an expiry within 90 days and scopes within the partner's", async () => {
    const { partnerId } = await newPartner();
    const base = { partnerId, userId: "u1", name: "cli", permissions: ["generate"] };
    for (const expiresAt of [Date.now() - 1, Date.now() + 91 * DAY_MS]) {
      const error = await errorOf(service(t).mutation(api.apiKeys.createForPartnerUser, { ...base, expiresAt }));
      expect(error.fields).toEqual([expect.objectContaining({ field: "expiresAt" })]);
    }
    const beyond = service(t).mutation(api.apiKeys.createForPartnerUser, {
      ...base,
      permissions: ["images:write"],
      expiresAt: Date.now() + DAY_MS,
    });
    expect(await codeOf(beyond)).toBe("FORBIDDEN");
    const badUser = service(t).mutation(api.apiKeys.createForPartnerUser, {
      ...base,
      userId: "a/b",
      expiresAt: Date.now() + DAY_MS,
    });
    expect((await errorOf(badUser)).fields).toEqual([expect.objectContaining({ field: "userId" })]);
  });

  it("a partner user's key stops verifying when the partner is suspended or deleted", async () => {
    const { partnerId } = await newPartner();
    const { key } = await partnerKey(partnerId);
    await t.mutation(internal.partners.suspend, { partnerId });
    expect(await service(t).mutation(api.apiKeys.verify, { key })).toBeNull();
    expect(await codeOf(partnerKey(partnerId, "u2"))).toBe("FORBIDDEN");
    await t.mutation(internal.partners.reactivate, { partnerId });
    expect(await service(t).mutation(api.apiKeys.verify, { key })).not.toBeNull();
    await t.mutation(internal.partners.remove, { partnerId });
    expect(await service(t).mutation(api.apiKeys.verify, { key })).toBeNull();
  });

  it("an API-key session of a partner user (no pid) is refused once the partner is not active", async () => {
    const { partnerId } = await newPartner();
    const user = partnerUser(t, partnerId, "u1", { pver: 1 });
    await user.mutation(api.users.ensure, {});
    const viaKey = t.withIdentity({
      subject: `partner:${partnerId}:u1`,
      issuer: "https://edge.test",
      tokenIdentifier: `https://edge.test|partner:${partnerId}:u1`,
      scp: ["generate"],
      akid: "k1",
    });
    await expect(viaKey.query(api.jobs.listActive, {})).resolves.toEqual([]);
    await t.mutation(internal.partners.suspend, { partnerId });
    expect(await codeOf(viaKey.query(api.jobs.listActive, {}))).toBe("UNAUTHENTICATED");
  });
});
