/**
 * The trust model end to end on convex-local (real JWT verification through the issuer's JWKS, the
 * official clients): scopes, partner revocation, first-party-only API keys, pagination input and
 * idempotency conflicts, each as a caller outside sees them.
 */
import { ConvexHttpClient } from "convex/browser";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { MintOptions } from "../packages/convex-local/test/harness.js";
import { startBackendStack, type BackendStack } from "./stack.js";
import { jobIdOf } from "../convex/jobResult.testing";

let stack: BackendStack;
let server: BackendStack["server"];
let issuer: BackendStack["issuer"];

beforeAll(async () => {
  stack = await startBackendStack("trust");
  ({ server, issuer } = stack);
});
afterAll(() => stack?.close());

async function clientWith(claims: MintOptions) {
  const client = new ConvexHttpClient(server.url);
  client.setAuth(await issuer.mint(claims));
  return client;
}

async function internalMutation<T>(name: string, args: Record<string, unknown>): Promise<T> {
  return (await server.engine.runMutation(name, args as never, null, { publicOnly: false })).value as T;
}

async function errorOf(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConvexError);
  return (e as ConvexError<{ code: string; message: string; fields?: { field: string }[] }>).data;
}

const request = { prompt: "a paper boat", model: "local/aurora", parameters: { width: 64, height: 64 } };
type Partner = { partnerId: string; secretKey: string };

async function newPartner(): Promise<Partner> {
  return await internalMutation<Partner>("partners:create", {
    name: "Acme",
    allowedOrigins: ["https://acme.example"],
    allowedScopes: ["generate", "images:read"],
  });
}

const embed = (partner: Partner, userId: string, scp: string[], pver = 1) =>
  clientWith({
    sub: `partner:${partner.partnerId}:${userId}`,
    scp,
    pid: partner.partnerId,
    pver,
    origin: "https://acme.example",
  });
const service = () => clientWith({ sub: "service:edge-api", scp: ["service"] });

describe("scopes are checked in Convex", () => {
  it("a generate-only token cannot read images; an images:read token cannot cancel jobs", async () => {
    const partner = await newPartner();
    const generator = await embed(partner, "g", ["generate"]);
    const jobId = await generator.mutation(api.jobs.create, request).then(jobIdOf);
    for (const call of [
      generator.query(api.images.list, { paginationOpts: { numItems: 10, cursor: null } }),
      generator.query(api.images.get, { imageId: "x" }),
      generator.query(api.images.search, { text: "boat", paginationOpts: { numItems: 10, cursor: null } }),
    ]) {
      expect(await errorOf(call)).toMatchObject({
        code: "FORBIDDEN",
        message: 'This token does not allow "images:read".',
      });
    }
    const reader = await clientWith({
      sub: `partner:${partner.partnerId}:g`,
      scp: ["images:read"],
      pid: partner.partnerId,
      pver: 1,
    });
    expect(await errorOf(reader.mutation(api.jobs.cancel, { jobId }))).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("partners", () => {
  it("an embed token cannot mint an API key", async () => {
    const partner = await newPartner();
    const client = await embed(partner, "u", ["generate"]);
    expect(
      (await errorOf(client.mutation(api.apiKeys.create, { name: "forever", permissions: ["generate"] }))).code,
    ).toBe("FORBIDDEN");
  });

  it("deleting a partner revokes its embed tokens, its secret and its users' API keys", async () => {
    const partner = await newPartner();
    const user = await embed(partner, "u", ["generate"]);
    await user.mutation(api.users.ensure, {});
    const svc = await service();
    const { key } = await svc.mutation(api.apiKeys.createForPartnerUser, {
      partnerId: partner.partnerId,
      userId: "u",
      name: "cli",
      permissions: ["generate"],
      expiresAt: Date.now() + 86_400_000,
    });
    expect(await svc.mutation(api.apiKeys.verify, { key })).not.toBeNull();
    await internalMutation("partners:remove", { partnerId: partner.partnerId });
    expect((await errorOf(user.query(api.jobs.listActive, {}))).code).toBe("UNAUTHENTICATED");
    expect(await svc.mutation(api.apiKeys.verify, { key })).toBeNull();
    expect(await svc.query(api.partners.authenticate, { secretKey: partner.secretKey })).toBeNull();
  });

  it("a rotation without grace refuses tokens of the old version at once", async () => {
    const partner = await newPartner();
    const old = await embed(partner, "u", ["generate"]);
    await old.query(api.jobs.listActive, {});
    const rotated = await internalMutation<{ tokenVersion: number }>("partners:rotateSecret", {
      partnerId: partner.partnerId,
      graceSeconds: 0,
    });
    expect((await errorOf(old.query(api.jobs.listActive, {}))).code).toBe("UNAUTHENTICATED");
    expect(
      await (await embed(partner, "u", ["generate"], rotated.tokenVersion)).query(api.jobs.listActive, {}),
    ).toEqual([]);
  });
});

describe("input that used to give a 500 or an odd answer", () => {
  it("an unreadable cursor and out-of-range page sizes are INVALID_ARGUMENT naming the field", async () => {
    const client = await clientWith({ sub: "pager" });
    await client.mutation(api.jobs.create, request).then(jobIdOf);
    const cursor = await errorOf(client.query(api.jobs.list, { paginationOpts: { numItems: 10, cursor: "!!!" } }));
    expect(cursor).toMatchObject({ code: "INVALID_ARGUMENT", fields: [{ field: "paginationOpts.cursor" }] });
    for (const numItems of [Number.NaN, 0, 201]) {
      const error = await errorOf(client.query(api.images.list, { paginationOpts: { numItems, cursor: null } }));
      expect(error).toMatchObject({ code: "INVALID_ARGUMENT", fields: [{ field: "paginationOpts.numItems" }] });
    }
  });

  it("a trial that has ended cannot generate, and the refusal names the day it ended", async () => {
    const client = await clientWith({ sub: "lapsed" });
    const { userId } = await client.mutation(api.users.ensure, {});
    const ended = Date.parse("2026-01-10T08:00:00Z");
    await internalMutation("users:updateAccount", { userId, trialEndsAt: ended });
    const error = await errorOf(client.mutation(api.jobs.create, request).then(jobIdOf));
    expect(error).toMatchObject({ code: "TRIAL_EXPIRED", message: expect.stringContaining("ended on 2026-01-10") });
  });

  it("an idempotency key reused with a different request is a conflict naming the key", async () => {
    const client = await clientWith({ sub: "replayer" });
    await client.mutation(api.jobs.create, { ...request, idempotencyKey: "order-17" }).then(jobIdOf);
    const error = await errorOf(
      client
        .mutation(api.jobs.create, { ...request, prompt: "a stone boat", idempotencyKey: "order-17" })
        .then(jobIdOf),
    );
    expect(error).toMatchObject({ code: "IDEMPOTENCY_CONFLICT", message: expect.stringContaining('"order-17"') });
  });
});
