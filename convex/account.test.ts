/** Account deletion and data export: who may call them, bad input, and that deletion leaves nothing of the user. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { seedImages } from "./library.testing";
import { DELETE_BATCH_SIZE } from "./lib/imageDeletion";
import { codeOf, errorOf, newBackend, partnerUser, signedIn, type Backend } from "./setup.testing";

let t: Backend;
beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

const viaKey = (subject: string) =>
  t.withIdentity({
    subject,
    issuer: "https://edge.test",
    tokenIdentifier: `https://edge.test|${subject}`,
    scp: ["generate"],
    akid: "k1",
  });
const withEmail = (subject: string, email: string) =>
  t.withIdentity({ subject, issuer: "https://edge.test", tokenIdentifier: `https://edge.test|${subject}`, email });

/** Every table that can hold a user's documents, with the field naming the user. */
const USER_TABLES = [
  "images",
  "imageTags",
  "collections",
  "collectionImages",
  "generationJobs",
  "presets",
  "promptHistory",
  "apiKeys",
  "webhookEndpoints",
  "webhookDeliveries",
  "apiRequestCounts",
  "usage",
  "usageEvents",
  "usageDays",
  "usageModelDays",
  "emailOutbox",
  "accountExports",
  "imageInputs",
  "inputUploads",
] as const;

async function documentsOf(userId: Id<"users">) {
  return await t.run(async (ctx) => {
    const found: string[] = [];
    for (const table of USER_TABLES) {
      for (const doc of await ctx.db.query(table).collect())
        if ((doc as { userId?: string }).userId === userId) found.push(table);
    }
    for (const doc of await ctx.db.query("generationCounts").collect())
      if (doc.owner === `user:${userId}`) found.push("generationCounts");
    if (await ctx.db.get(userId)) found.push("users");
    return found;
  });
}

/** An account with something in every table (a few images more than one step deletes). */
async function fullAccount(subject: string, images = 12) {
  const seeded = await seedImages(
    t,
    subject,
    Array.from({ length: images }, (_, i) => ({ prompt: `picture ${i}` })),
  );
  const { caller, userId, ids } = seeded;
  await caller.mutation(api.images.addTags, { ids: ids.slice(0, 3), tags: ["trip"] });
  const collection = await caller.mutation(api.collections.create, { name: "Trip" });
  await caller.mutation(api.collections.addImages, { id: collection, imageIds: ids.slice(0, 5) });
  await t.run(async (ctx) => {
    const now = Date.now();
    await ctx.db.insert("presets", { userId, name: "p", model: "local/aurora", parameters: {}, updatedAt: now });
    await ctx.db.insert("promptHistory", { userId, key: "k", prompt: "picture", usedAt: now });
    await ctx.db.insert("apiKeys", {
      userId,
      subject,
      name: "k",
      prefix: "px_x",
      keyHash: "h",
      permissions: [],
      createdAt: now,
    });
    const endpointId = await ctx.db.insert("webhookEndpoints", {
      userId,
      url: "https://example.com/h",
      events: [],
      secret: "whsec_x",
      enabled: true,
      createdAt: now,
      failedMessages: 0,
    });
    const deliveryId = await ctx.db.insert("webhookDeliveries", {
      userId,
      endpointId,
      messageId: "m",
      eventType: "credit.low",
      payload: "{}",
      status: "delivered",
      attempts: 1,
      createdAt: now,
    });
    await ctx.db.insert("webhookAttempts", {
      deliveryId,
      endpointId,
      attempt: 1,
      at: now,
      statusCode: 200,
      durationMs: 1,
      errorClass: null,
    });
    await ctx.db.insert("generationCounts", { owner: `user:${userId}`, month: "2026-12", images: 1 });
    await ctx.db.insert("apiRequestCounts", { userId, day: "2026-12-03", count: 1 });
    await ctx.db.insert("usageDays", {
      userId,
      day: "2026-12-03",
      credits: 1,
      generations: 1,
      apiCalls: 0,
      storageBytes: 0,
    });
    await ctx.db.insert("usageModelDays", {
      userId,
      day: "2026-12-03",
      model: "local/aurora",
      credits: 1,
      generations: 1,
    });
    await ctx.db.insert("emailOutbox", {
      userId,
      to: null,
      template: "creditLow",
      subject: "s",
      text: "t",
      status: "outbox",
      createdAt: now,
    });
    await ctx.db.insert("accountExports", {
      userId,
      status: "ready",
      createdAt: now,
      s3Bucket: "pixorly-images",
      s3Key: `exports/${userId}/x.zip`,
    });
    await ctx.db.insert("imageInputs", {
      userId,
      kind: "image",
      s3Bucket: "pixorly-images",
      s3Key: `inputs/${userId}/in.png`,
      size: 10,
      width: 8,
      height: 8,
      format: "png",
      createdAt: now,
    });
    await ctx.db.insert("inputUploads", {
      userId,
      s3Bucket: "pixorly-images",
      s3Key: `inputs/${userId}/pending.png`,
      createdAt: now,
    });
  });
  return seeded;
}

describe("account:deleteAccount", () => {
  it("refuses callers without a first-party session, and a missing confirmation names the field", async () => {
    expect(await codeOf(t.mutation(api.account.deleteAccount, { confirm: "DELETE" }))).toBe("UNAUTHENTICATED");
    expect(await codeOf(partnerUser(t, "p1", "u1").mutation(api.account.deleteAccount, { confirm: "DELETE" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(viaKey("keyed").mutation(api.account.deleteAccount, { confirm: "DELETE" }))).toBe("FORBIDDEN");
    for (const confirm of ["", "delete", "DELETE "]) {
      const error = await errorOf(signedIn(t, "ada").mutation(api.account.deleteAccount, { confirm }));
      expect(error.code).toBe("INVALID_ARGUMENT");
      expect(error.fields).toEqual([expect.objectContaining({ field: "confirm" })]);
    }
    // @ts-expect-error the confirmation is required
    expect(await t.mutation(api.account.deleteAccount, {}).catch((e: Error) => e.message)).toMatch(/confirm/);
  });

  it("removes every document of the user in steps, leaves others alone, and mails the confirmation", async () => {
    const { userId } = await fullAccount("ada", DELETE_BATCH_SIZE + 7);
    const other = await fullAccount("bob", 3);
    const ada = withEmail("ada", "ada@example.com");
    await ada.mutation(api.account.deleteAccount, { confirm: "DELETE" });
    expect(await t.query(internal.account.deletionStatus, { userId })).toBe("deleting");
    expect(await codeOf(ada.mutation(api.account.deleteAccount, { confirm: "DELETE" }))).toBe("FORBIDDEN");
    expect(await codeOf(ada.mutation(api.collections.create, { name: "late" }))).toBe("FORBIDDEN");

    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await t.query(internal.account.deletionStatus, { userId })).toBe("deleted");
    expect(await documentsOf(userId)).toEqual([]);
    expect(await t.run(async (ctx) => (await ctx.db.query("webhookAttempts").collect()).length)).toBe(1);
    expect((await documentsOf(other.userId)).length).toBeGreaterThan(10);

    const mail = await t.query(internal.email.allOutbox, {});
    expect(mail).toContainEqual(
      expect.objectContaining({ to: "ada@example.com", template: "accountDeleted", userId: null, status: "outbox" }),
    );
    // Signing in again makes a new, empty account.
    expect((await signedIn(t, "ada").mutation(api.users.ensure, {})).userId).not.toBe(userId);
  });

  it("sends no confirmation when no address is known", async () => {
    await seedImages(t, "anon", [{ prompt: "x" }]);
    await signedIn(t, "anon").mutation(api.account.deleteAccount, { confirm: "DELETE" });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await t.query(internal.email.allOutbox, {})).toEqual([]);
  });
});

describe("account:requestExport / account:exports", () => {
  it("refuses callers without a first-party session", async () => {
    expect(await codeOf(t.mutation(api.account.requestExport, {}))).toBe("UNAUTHENTICATED");
    expect(await codeOf(partnerUser(t, "p1", "u1").mutation(api.account.requestExport, {}))).toBe("FORBIDDEN");
    expect(await codeOf(viaKey("keyed").mutation(api.account.requestExport, {}))).toBe("FORBIDDEN");
    expect(await codeOf(partnerUser(t, "p1", "u1").query(api.account.exports, {}))).toBe("FORBIDDEN");
    expect(await codeOf(viaKey("keyed").query(api.account.exports, {}))).toBe("FORBIDDEN");
    expect(await t.query(api.account.exports, {})).toEqual([]);
    expect(
      await signedIn(t, "ada")
        // @ts-expect-error no arguments
        .mutation(api.account.requestExport, { userId: "x" })
        .catch((e: Error) => e.message),
    ).toMatch(/userId/);
  });

  it("lists the caller's exports only, and one builds at a time", async () => {
    const ada = signedIn(t, "ada");
    const id = await ada.mutation(api.account.requestExport, {});
    expect(await codeOf(ada.mutation(api.account.requestExport, {}))).toBe("CONFLICT");
    expect(await ada.query(api.account.exports, {})).toEqual([
      expect.objectContaining({ id, status: "building", size: null }),
    ]);
    expect(await signedIn(t, "bob").query(api.account.exports, {})).toEqual([]);
    const row = await t.run(async (ctx) => ctx.db.get(id));
    expect(row!.s3Key).toBe(`exports/${row!.userId}/${id}.zip`);
    await t.mutation(internal.accountExport.finish, { exportId: id, size: 1234 });
    expect(await ada.query(api.account.exports, {})).toEqual([
      expect.objectContaining({ id, status: "ready", size: 1234 }),
    ]);
    expect((await ada.query(api.email.outbox, {})).map((m) => m.template)).toEqual(["exportReady"]);
    await ada.mutation(api.account.requestExport, {});
    expect(await ada.query(api.account.exports, {})).toHaveLength(2);
  });

  it("a build that cannot reach S3 ends failed (no email), and a lost build stops blocking after an hour", async () => {
    vi.stubEnv("S3_ENDPOINT", "http://127.0.0.1:9");
    try {
      const ada = signedIn(t, "ada");
      await seedImages(t, "ada", [{ prompt: "x" }]);
      const failed = await ada.mutation(api.account.requestExport, {});
      await t.finishAllScheduledFunctions(vi.runAllTimers);
      expect(await ada.query(api.account.exports, {})).toEqual([
        expect.objectContaining({ id: failed, status: "failed", size: null }),
      ]);
      expect(await ada.query(api.email.outbox, {})).toEqual([]);

      const lost = await t.run(async (ctx) => {
        const userId = (await ctx.db.get(failed))!.userId;
        return ctx.db.insert("accountExports", {
          userId,
          status: "building",
          createdAt: Date.now(),
          s3Bucket: "b",
          s3Key: "k",
        });
      });
      expect(await codeOf(ada.mutation(api.account.requestExport, {}))).toBe("CONFLICT");
      vi.advanceTimersByTime(60 * 60 * 1000);
      expect(await ada.mutation(api.account.requestExport, {})).not.toBe(lost);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
