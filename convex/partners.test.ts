import { ConvexError } from "convex/values";
import { beforeEach, describe, expect, it } from "vitest";
import { api, internal } from "./_generated/api";
import { newBackend, signedIn, type Backend } from "./setup.testing";

let t: Backend;
beforeEach(() => {
  t = newBackend();
});

const valid = {
  name: "Acme Prints",
  allowedOrigins: ["https://acme.example"],
  allowedScopes: ["generate", "images:read"],
};
const service = () => signedIn(t, "service:edge-api", ["service"]);

async function fieldsOf(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(ConvexError);
  const data = (e as ConvexError<{ code: string; message: string; fields: { field: string }[] }>).data;
  expect(data.code).toBe("INVALID_ARGUMENT");
  return { fields: data.fields.map((f) => f.field), message: data.message };
}

describe("partners.create", () => {
  it("returns the keys once and stores only the secret's hash", async () => {
    const created = await t.mutation(internal.partners.create, { ...valid, quotaPerMonth: 1000 });
    expect(created.publishableKey).toMatch(/^pxp_[A-Za-z0-9_-]{43}$/);
    expect(created.secretKey).toMatch(/^pxs_[A-Za-z0-9_-]{43}$/);
    const row = await t.run(async (ctx) => await ctx.db.get(created.partnerId));
    expect(row).toMatchObject({
      name: "Acme Prints",
      plan: "pro",
      quotaPerMonth: 1000,
      publishableKey: created.publishableKey,
    });
    expect(JSON.stringify(row)).not.toContain(created.secretKey);
    expect(row!.secretKeyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("normalizes origins and drops duplicates", async () => {
    const { partnerId } = await t.mutation(internal.partners.create, {
      ...valid,
      allowedOrigins: [
        "https://Acme.Example/",
        "https://acme.example:443",
        "http://localhost:5174",
        " http://127.0.0.1:8080 ",
      ],
      allowedScopes: ["generate", "generate"],
      plan: "enterprise",
    });
    const row = await t.run(async (ctx) => await ctx.db.get(partnerId));
    expect(row).toMatchObject({
      allowedOrigins: ["https://acme.example", "http://localhost:5174", "http://127.0.0.1:8080"],
      allowedScopes: ["generate"],
      plan: "enterprise",
    });
  });

  it.each([
    ["https://acme.example/shop", "allowedOrigins.0"],
    ["https://acme.example?x=1", "allowedOrigins.0"],
    ["ftp://acme.example", "allowedOrigins.0"],
    ["https://*.acme.example", "allowedOrigins.0"],
    ["https://user:pw@acme.example", "allowedOrigins.0"],
    ["acme.example", "allowedOrigins.0"],
    ["*", "allowedOrigins.0"],
  ])("refuses the origin %s, naming the field", async (origin, field) => {
    const { fields, message } = await fieldsOf(
      t.mutation(internal.partners.create, { ...valid, allowedOrigins: [origin] }),
    );
    expect(fields).toEqual([field]);
    expect(message).toContain(`${field}: "${origin}" is not an origin`);
  });

  it.each([
    [{ name: " " }, ["name"]],
    [{ name: "x".repeat(101) }, ["name"]],
    [{ allowedScopes: [] }, ["allowedScopes"]],
    [{ allowedScopes: ["generate", "service"] }, ["allowedScopes.1"]],
    [{ quotaPerMonth: 0 }, ["quotaPerMonth"]],
    [{ name: "", allowedScopes: ["admin"], allowedOrigins: ["nope"] }, ["name", "allowedOrigins.0", "allowedScopes.0"]],
  ])("refuses bad input %#, naming every wrong field", async (change, expected) => {
    expect((await fieldsOf(t.mutation(internal.partners.create, { ...valid, ...change }))).fields).toEqual(expected);
  });
});

describe("partners.authenticate and origins (service only)", () => {
  it("finds the partner by its secret key and nothing else", async () => {
    const { partnerId, secretKey, publishableKey } = await t.mutation(internal.partners.create, valid);
    expect(await service().query(api.partners.authenticate, { secretKey })).toEqual({
      partnerId,
      name: "Acme Prints",
      allowedOrigins: ["https://acme.example"],
      allowedScopes: ["generate", "images:read"],
      plan: "pro",
      tokenVersion: 1,
    });
    const wrong = `pxs_${secretKey.slice(4, -1)}${secretKey.endsWith("A") ? "B" : "A"}`;
    for (const key of [wrong, publishableKey, "", "pxs_", secretKey.toUpperCase()]) {
      expect(await service().query(api.partners.authenticate, { secretKey: key })).toBeNull();
    }
  });

  it("lists every partner's origins once", async () => {
    await t.mutation(internal.partners.create, {
      ...valid,
      allowedOrigins: ["https://a.example", "https://b.example"],
    });
    await t.mutation(internal.partners.create, {
      ...valid,
      allowedOrigins: ["https://b.example", "http://localhost:5174"],
    });
    expect((await service().query(api.partners.origins, {})).sort()).toEqual([
      "http://localhost:5174",
      "https://a.example",
      "https://b.example",
    ]);
  });

  it("refuses user tokens", async () => {
    const { secretKey } = await t.mutation(internal.partners.create, valid);
    await expect(signedIn(t, "ada").query(api.partners.authenticate, { secretKey })).rejects.toThrow(/edge API/);
  });
});

describe("partners.list and partners.setOrigins (operators, internal)", () => {
  it("lists every partner with status and origins, never a secret or its hash", async () => {
    const a = await t.mutation(internal.partners.create, valid);
    const b = await t.mutation(internal.partners.create, { ...valid, name: "Beta", quotaPerMonth: 50 });
    await t.mutation(internal.partners.suspend, { partnerId: b.partnerId });
    await t.mutation(internal.partners.rotateSecret, { partnerId: a.partnerId, graceSeconds: 60 });
    const listed = await t.query(internal.partners.list, {});
    expect(listed.map((p) => [p.name, p.status])).toEqual([
      ["Acme Prints", "active"],
      ["Beta", "suspended"],
    ]);
    expect(listed[0]).toMatchObject({
      publishableKey: a.publishableKey,
      allowedOrigins: ["https://acme.example"],
      plan: "pro",
    });
    expect(listed[0]!.graceEndsAt).toBeGreaterThan(Date.now());
    expect(listed[1]!.quotaPerMonth).toBe(50);
    const text = JSON.stringify(listed);
    expect(text).not.toContain("pxs_");
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it("replaces the origins (normalized) and the edge's origin list follows", async () => {
    const { partnerId } = await t.mutation(internal.partners.create, valid);
    const saved = await t.mutation(internal.partners.setOrigins, {
      partnerId,
      allowedOrigins: ["https://NEW.example:443", "http://localhost:5173", "https://new.example"],
    });
    expect(saved).toEqual(["https://new.example", "http://localhost:5173"]);
    expect(await service().query(api.partners.origins, {})).toEqual(["https://new.example", "http://localhost:5173"]);
  });

  it("refuses bad origins, an empty list and unknown or deleted partners", async () => {
    const { partnerId } = await t.mutation(internal.partners.create, valid);
    const bad = await fieldsOf(
      t.mutation(internal.partners.setOrigins, {
        partnerId,
        allowedOrigins: ["https://ok.example", "https://x.example/path"],
      }),
    );
    expect(bad.fields).toEqual(["allowedOrigins.1"]);
    expect(
      (await fieldsOf(t.mutation(internal.partners.setOrigins, { partnerId, allowedOrigins: [] }))).fields,
    ).toEqual(["allowedOrigins"]);
    await t.mutation(internal.partners.remove, { partnerId });
    for (const id of [partnerId, "not-an-id"]) {
      const e = await t
        .mutation(internal.partners.setOrigins, { partnerId: id, allowedOrigins: ["https://ok.example"] })
        .then(
          () => null,
          (err) => err,
        );
      expect((e as ConvexError<{ code: string }>).data.code).toBe("NOT_FOUND");
    }
  });
});
