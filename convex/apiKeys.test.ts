import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { API_KEY_LIMITS, getPlan } from "@pixorly/core";
import { api, internal } from "./_generated/api";
import { newBackend, signedIn, type Backend, errorOf } from "./setup.testing";

let t: Backend;
beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

const DAY = 86_400_000;
const service = () => signedIn(t, "service:edge-api", ["service"]);
/** A token the edge API mints for a REST call made with a key. */
const viaKey = (subject: string, akid: string) =>
  t.withIdentity({
    subject,
    issuer: "https://edge.test",
    tokenIdentifier: `https://edge.test|${subject}`,
    scp: ["generate"],
    akid,
  });

describe("apiKeys.create", () => {
  it("returns the key once; only its hash and a display prefix are stored", async () => {
    const ada = signedIn(t, "ada");
    const created = await ada.mutation(api.apiKeys.create, {
      name: " CI ",
      permissions: ["generate", "images:read", "generate"],
    });
    expect(created.key).toMatch(/^px_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 11));
    const row = await t.run(async (ctx) => await ctx.db.get(created.id));
    expect(row).toMatchObject({
      name: "CI",
      subject: "ada",
      permissions: ["generate", "images:read"],
      prefix: created.prefix,
    });
    expect(JSON.stringify(row)).not.toContain(created.key);
  });

  it.each([
    [{ name: "" }, ["name"]],
    [{ name: "k".repeat(101) }, ["name"]],
    [{ permissions: [] }, ["permissions"]],
    [{ permissions: ["generate", "service"] }, ["permissions.1"]],
    [{ permissions: ["admin"] }, ["permissions.0"]],
    [{ expiresAt: 0 }, ["expiresAt"]],
    [{ expiresAt: Date.now() + 366 * DAY }, ["expiresAt"]],
    [{ name: " ", permissions: ["x"], expiresAt: 1 }, ["name", "permissions.0", "expiresAt"]],
  ])("refuses bad input %#, naming the fields", async (change, fields) => {
    const ada = signedIn(t, "ada");
    const data = await errorOf(ada.mutation(api.apiKeys.create, { name: "k", permissions: ["generate"], ...change }));
    expect(data.code).toBe("INVALID_ARGUMENT");
    expect(data.fields?.map((f) => f.field)).toEqual(fields);
    expect(await ada.query(api.apiKeys.list, {})).toEqual([]);
  });

  it("accepts an expiry up to a year away", async () => {
    const ada = signedIn(t, "ada");
    const expiresAt = Date.now() + 365 * DAY;
    const { id } = await ada.mutation(api.apiKeys.create, { name: "yearly", permissions: ["generate"], expiresAt });
    expect((await ada.query(api.apiKeys.list, {}))[0]).toMatchObject({ id, expiresAt });
  });

  it("allows 25 active keys; revoked and expired ones do not count", async () => {
    const ada = signedIn(t, "ada");
    const ids = [];
    for (let i = 0; i < API_KEY_LIMITS.activePerUser - 1; i++)
      ids.push((await ada.mutation(api.apiKeys.create, { name: `k${i}`, permissions: ["generate"] })).id);
    await ada.mutation(api.apiKeys.create, { name: "short", permissions: ["generate"], expiresAt: Date.now() + 1000 });
    expect(
      (await errorOf(ada.mutation(api.apiKeys.create, { name: "one too many", permissions: ["generate"] }))).code,
    ).toBe("QUOTA_EXCEEDED");
    vi.advanceTimersByTime(1001);
    await ada.mutation(api.apiKeys.create, { name: "after expiry", permissions: ["generate"] });
    await ada.mutation(api.apiKeys.revoke, { id: ids[0]! });
    await ada.mutation(api.apiKeys.create, { name: "after revoke", permissions: ["generate"] });
    // Another user's keys are counted apart.
    await signedIn(t, "bob").mutation(api.apiKeys.create, { name: "bob's", permissions: ["generate"] });
  });

  it("a scoped session cannot grant more than it holds", async () => {
    const embed = signedIn(t, "partner:p1:u1", ["images:read"]);
    expect((await errorOf(embed.mutation(api.apiKeys.create, { name: "k", permissions: ["generate"] }))).code).toBe(
      "FORBIDDEN",
    );
    await expect(
      embed.mutation(api.apiKeys.create, { name: "k", permissions: ["images:read"] }),
    ).resolves.toMatchObject({ prefix: expect.any(String) });
  });

  it("needs a signed-in caller", async () => {
    expect((await errorOf(t.mutation(api.apiKeys.create, { name: "k", permissions: ["generate"] }))).code).toBe(
      "UNAUTHENTICATED",
    );
    expect(await t.query(api.apiKeys.list, {})).toEqual([]);
  });
});

describe("a key cannot manage keys", () => {
  it("tokens minted for an API key (akid) are refused by create, list and revoke", async () => {
    const { id } = await signedIn(t, "ada").mutation(api.apiKeys.create, { name: "k", permissions: ["generate"] });
    const asKey = viaKey("ada", id);
    for (const call of [
      asKey.mutation(api.apiKeys.create, { name: "child", permissions: ["generate"] }),
      asKey.query(api.apiKeys.list, {}),
      asKey.mutation(api.apiKeys.revoke, { id }),
    ]) {
      expect((await errorOf(call)).code).toBe("FORBIDDEN");
    }
  });
});

describe("apiKeys.list and revoke", () => {
  it("lists the caller's keys newest first, without keys or hashes", async () => {
    const ada = signedIn(t, "ada");
    const a = await ada.mutation(api.apiKeys.create, { name: "first", permissions: ["generate"] });
    vi.advanceTimersByTime(10);
    const b = await ada.mutation(api.apiKeys.create, { name: "second", permissions: ["images:read"] });
    await signedIn(t, "bob").mutation(api.apiKeys.create, { name: "bob's", permissions: ["generate"] });
    const listed = await ada.query(api.apiKeys.list, {});
    expect(listed.map((k) => k.name)).toEqual(["second", "first"]);
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "id", "name", "permissions", "prefix"]);
    const text = JSON.stringify(listed);
    for (const secret of [a.key, b.key]) expect(text).not.toContain(secret.slice(11));
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it("revokes only the caller's own keys; unknown, malformed and foreign ids are not found", async () => {
    const ada = signedIn(t, "ada");
    const { id } = await ada.mutation(api.apiKeys.create, { name: "k", permissions: ["generate"] });
    const bob = signedIn(t, "bob");
    expect((await errorOf(bob.mutation(api.apiKeys.revoke, { id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(ada.mutation(api.apiKeys.revoke, { id: "garbage" }))).code).toBe("NOT_FOUND");
    const { userId } = await ada.mutation(api.users.ensure, {});
    expect((await errorOf(ada.mutation(api.apiKeys.revoke, { id: userId }))).code).toBe("NOT_FOUND");
    await ada.mutation(api.apiKeys.revoke, { id });
    const revokedAt = (await ada.query(api.apiKeys.list, {}))[0]!.revokedAt;
    expect(revokedAt).toBe(Date.now());
    vi.advanceTimersByTime(5);
    await ada.mutation(api.apiKeys.revoke, { id });
    expect((await ada.query(api.apiKeys.list, {}))[0]!.revokedAt).toBe(revokedAt);
  });
});

describe("apiKeys.verify (service only)", () => {
  it("returns who the key acts for and records its use", async () => {
    const ada = signedIn(t, "clerk:ada");
    const { id, key } = await ada.mutation(api.apiKeys.create, { name: "k", permissions: ["generate", "images:read"] });
    expect(await service().mutation(api.apiKeys.verify, { key })).toEqual({
      keyId: id,
      subject: "clerk:ada",
      permissions: ["generate", "images:read"],
      plan: "trial",
    });
    expect((await ada.query(api.apiKeys.list, {}))[0]!.lastUsedAt).toBe(Date.now());
  });

  it("follows the owner's plan", async () => {
    const ada = signedIn(t, "ada");
    const { userId } = await ada.mutation(api.users.ensure, {});
    const { key } = await ada.mutation(api.apiKeys.create, { name: "k", permissions: ["generate"] });
    await t.mutation(internal.users.updateAccount, { userId, plan: "enterprise" });
    expect(await service().mutation(api.apiKeys.verify, { key })).toMatchObject({ plan: "enterprise" });
  });

  it("is null for malformed, unknown, revoked and expired keys", async () => {
    const ada = signedIn(t, "ada");
    const live = await ada.mutation(api.apiKeys.create, { name: "live", permissions: ["generate"] });
    const revoked = await ada.mutation(api.apiKeys.create, { name: "revoked", permissions: ["generate"] });
    await ada.mutation(api.apiKeys.revoke, { id: revoked.id });
    const expiring = await ada.mutation(api.apiKeys.create, {
      name: "expiring",
      permissions: ["generate"],
      expiresAt: Date.now() + 60_000,
    });
    const unknown = `px_${"A".repeat(43)}`;
    for (const key of ["", "px_", "garbage", `${live.key}x`, live.key.replace("px_", "pxs_"), unknown, revoked.key]) {
      expect(await service().mutation(api.apiKeys.verify, { key })).toBeNull();
    }
    expect(await service().mutation(api.apiKeys.verify, { key: expiring.key })).not.toBeNull();
    vi.advanceTimersByTime(60_000);
    expect(await service().mutation(api.apiKeys.verify, { key: expiring.key })).toBeNull();
    expect(await service().mutation(api.apiKeys.verify, { key: live.key })).not.toBeNull();
  });

  it("refuses user tokens, including one made for the key itself", async () => {
    const { id, key } = await signedIn(t, "ada").mutation(api.apiKeys.create, { name: "k", permissions: ["generate"] });
    expect((await errorOf(signedIn(t, "ada").mutation(api.apiKeys.verify, { key }))).code).toBe("FORBIDDEN");
    expect((await errorOf(viaKey("ada", id).mutation(api.apiKeys.verify, { key }))).code).toBe("FORBIDDEN");
  });
});

describe("apiKeys.countRequest (the REST daily limit, per owner user across keys)", () => {
  it("counts every key of one owner together and refuses past the plan's daily limit until the UTC day ends", async () => {
    vi.setSystemTime(new Date("2026-12-15T23:00:00Z"));
    const ada = signedIn(t, "ada");
    const first = await ada.mutation(api.apiKeys.create, { name: "one", permissions: ["generate"] });
    const second = await ada.mutation(api.apiKeys.create, { name: "two", permissions: ["generate"] });
    const limit = getPlan("trial").apiRequestsPerDay!;
    const { userId } = await ada.mutation(api.users.ensure, {});
    await t.run(async (ctx) => {
      await ctx.db.insert("apiRequestCounts", { userId, day: "2026-12-15", count: limit - 2 });
    });
    const svc = signedIn(t, "service:edge-api", ["service"]);
    expect(await svc.mutation(api.apiKeys.countRequest, { keyId: first.id })).toEqual({
      allowed: true,
      limit,
      remaining: 1,
      resetSeconds: 3600,
    });
    expect(await svc.mutation(api.apiKeys.countRequest, { keyId: second.id })).toMatchObject({
      allowed: true,
      remaining: 0,
    });
    expect(await svc.mutation(api.apiKeys.countRequest, { keyId: second.id })).toMatchObject({
      allowed: false,
      remaining: 0,
    });
    // Another user's count is their own.
    const bob = await signedIn(t, "bob").mutation(api.apiKeys.create, { name: "b", permissions: ["generate"] });
    expect(await svc.mutation(api.apiKeys.countRequest, { keyId: bob.id })).toMatchObject({
      allowed: true,
      remaining: limit - 1,
    });
    vi.setSystemTime(new Date("2026-12-16T00:00:00Z"));
    expect(await svc.mutation(api.apiKeys.countRequest, { keyId: first.id })).toMatchObject({
      allowed: true,
      remaining: limit - 1,
      resetSeconds: 86_400,
    });
  });

  it("is for the service only and names an unknown key", async () => {
    expect((await errorOf(signedIn(t, "ada").mutation(api.apiKeys.countRequest, { keyId: "x" }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (await errorOf(signedIn(t, "service:edge-api", ["service"]).mutation(api.apiKeys.countRequest, { keyId: "x" })))
        .code,
    ).toBe("NOT_FOUND");
  });
});

describe("apiKeys.pruneRequestCounts (cron)", () => {
  it("drops the counters of days before yesterday and keeps today's and yesterday's", async () => {
    vi.setSystemTime(new Date("2026-12-15T01:00:00Z"));
    const { userId } = await signedIn(t, "ada").mutation(api.users.ensure, {});
    await t.run(async (ctx) => {
      for (const day of ["2026-12-01", "2026-12-13", "2026-12-14", "2026-12-15"])
        await ctx.db.insert("apiRequestCounts", { userId, day, count: 1 });
    });
    await t.mutation(internal.apiKeys.pruneRequestCounts, {});
    const left = await t.run(async (ctx) =>
      (await ctx.db.query("apiRequestCounts").collect()).map((r) => r.day).sort(),
    );
    expect(left).toEqual(["2026-12-14", "2026-12-15"]);
  });
});
