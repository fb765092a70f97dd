/** Email: the templates, the outbox offline, SES queueing when configured, and who may read which messages. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { renderEmail, sendEmail, sesConfigured } from "./lib/email";
import { codeOf, newBackend, partnerUser, signedIn, type Backend } from "./setup.testing";

let t: Backend;
beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

const withEmail = (subject: string, email: string) =>
  t.withIdentity({ subject, issuer: "https://edge.test", tokenIdentifier: `https://edge.test|${subject}`, email });

describe("email", () => {
  it("renders every template with its data", () => {
    expect(renderEmail("exportReady", { exportId: "e1", size: 4096 }).text).toContain("e1, 4 KB");
    expect(renderEmail("creditLow", { balance: 12, threshold: 50 }).text).toContain("12 credits, below 50");
    expect(renderEmail("endpointDisabled", { url: "https://x.test/h", reason: "5 failed." }).text).toContain(
      "https://x.test/h was disabled. 5 failed.",
    );
    expect(renderEmail("accountDeleted", {}).subject).toMatch(/deleted/);
  });

  it("uses SES only with a sender address and AWS credentials", () => {
    expect(sesConfigured({})).toBe(false);
    expect(sesConfigured({ SES_FROM_ADDRESS: "a@b.c" })).toBe(false);
    expect(sesConfigured({ SES_FROM_ADDRESS: "a@b.c", AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s" })).toBe(true);
  });

  it("offline, messages wait in the outbox; the address is the one from the user's token", async () => {
    const { userId } = await withEmail("ada", "ada@example.com").mutation(api.users.ensure, {});
    await t.run((ctx) => sendEmail(ctx, { userId, template: "creditLow", data: { balance: 1, threshold: 10 } }));
    expect(await signedIn(t, "ada").query(api.email.outbox, {})).toEqual([
      expect.objectContaining({
        to: "ada@example.com",
        template: "creditLow",
        status: "outbox",
        subject: "Your Pixorly balance is low",
      }),
    ]);
  });

  it("a balance crossing below 10 % of the last grant mails the owner once", async () => {
    const { userId } = await withEmail("ada", "ada@example.com").mutation(api.users.ensure, {});
    await t.mutation(internal.users.updateAccount, { userId, credits: 1_000 });
    await t.mutation(internal.users.updateAccount, { userId, credits: 50 });
    await t.mutation(internal.users.updateAccount, { userId, credits: 40 });
    const mail = await signedIn(t, "ada").query(api.email.outbox, {});
    expect(mail.map((m) => [m.template, m.to])).toEqual([["creditLow", "ada@example.com"]]);
    expect(mail[0]!.text).toContain("50 credits");
  });

  it("with SES configured a message is queued for the sender action; one without an address fails at once", async () => {
    vi.stubEnv("SES_FROM_ADDRESS", "noreply@pixorly.test");
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIATEST");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
    const { userId } = await withEmail("ada", "ada@example.com").mutation(api.users.ensure, {});
    const { userId: bob } = await signedIn(t, "bob").mutation(api.users.ensure, {});
    await t.run((ctx) => sendEmail(ctx, { userId, template: "accountDeleted", data: {} }));
    await t.run((ctx) => sendEmail(ctx, { userId: bob, template: "accountDeleted", data: {} }));
    const statuses = (await t.query(internal.email.allOutbox, {})).map((m) => [m.to, m.status]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        ["ada@example.com", "queued"],
        [null, "failed"],
      ]),
    );
    const scheduled = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    expect(scheduled.map((s) => s.name)).toEqual(["emailDelivery:send"]);
  });

  it("a user reads only their own messages; partners' sessions and API keys are refused", async () => {
    const { userId } = await signedIn(t, "ada").mutation(api.users.ensure, {});
    await t.run((ctx) => sendEmail(ctx, { userId, template: "accountDeleted", data: {} }));
    await t.run((ctx) => sendEmail(ctx, { to: "gone@example.com", template: "accountDeleted", data: {} }));
    expect(await signedIn(t, "ada").query(api.email.outbox, {})).toHaveLength(1);
    expect(await signedIn(t, "bob").query(api.email.outbox, {})).toEqual([]);
    expect(await t.query(api.email.outbox, {})).toEqual([]);
    expect(await codeOf(partnerUser(t, "p1", "u1").query(api.email.outbox, {}))).toBe("FORBIDDEN");
    const keyed = t.withIdentity({
      subject: "k",
      issuer: "https://edge.test",
      tokenIdentifier: "https://edge.test|k",
      akid: "k1",
    });
    expect(await codeOf(keyed.query(api.email.outbox, {}))).toBe("FORBIDDEN");
    expect(
      await signedIn(t, "ada")
        // @ts-expect-error no arguments
        .query(api.email.outbox, { userId })
        .catch((e: Error) => e.message),
    ).toMatch(/userId/);
    expect(await t.query(internal.email.allOutbox, { limit: 1 })).toHaveLength(1);
  });
});
