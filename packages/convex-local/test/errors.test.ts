/** Error texts as Convex shows them: frames relative to the app folder, ConvexError data and names. */
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./fixture/convex/_generated/api.js";
import { FIXTURE_DIR, startHarness, waitFor, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: 1 });
});
afterAll(async () => {
  await h.close();
});

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("no error");
    },
    (e: Error) => e,
  );
const FRAME = /\n\s+at \S+ \(\.\.\/convex\/errors\.ts:\d+:\d+\)/;

describe("error texts", () => {
  it("over HTTP: Error, ConvexError and a subclass, with relative frames and no server paths", async () => {
    const http = new ConvexHttpClient(h.server.url);
    const plain = await caught(http.query(api.errors.plain, {}));
    expect(plain).not.toBeInstanceOf(ConvexError);
    expect(plain.message).toMatch(/Server Error\nUncaught Error: plain failure/);
    expect(plain.message).toMatch(FRAME);
    const convex = (await caught(http.query(api.errors.convex, {}))) as ConvexError<{ code: string }>;
    expect(convex).toBeInstanceOf(ConvexError);
    expect(convex.data).toEqual({ code: "limit" });
    expect(convex.message).toMatch(/Uncaught ConvexError: \{"code":"limit"\}/);
    expect(convex.message).toMatch(FRAME);
    const sub = (await caught(http.query(api.errors.subclass, {}))) as ConvexError<{ code: string }>;
    expect(sub.message).toMatch(/Uncaught QuotaError: /);
    expect(sub.data).toEqual({ code: "quota" });
    const inAction = await caught(http.action(api.errors.inAction, {}));
    expect(inAction.message).toMatch(/Uncaught Error: action failure/);
    expect(inAction.message).toMatch(FRAME);
    for (const e of [plain, convex, sub, inAction]) expect(e.message).not.toContain(FIXTURE_DIR);
  });

  it("over the socket, a plain Error stays a plain Error (no errorData)", async () => {
    const socket = new ConvexClient(h.server.url, { unsavedChangesWarning: false, logger: false });
    const errors: Error[] = [];
    socket.onUpdate(
      api.errors.plain,
      {},
      () => {},
      (e) => errors.push(e),
    );
    socket.onUpdate(
      api.errors.convex,
      {},
      () => {},
      (e) => errors.push(e),
    );
    await waitFor(() => errors.length === 2, "both failures");
    const plain = errors.find((e) => /plain failure/.test(e.message))!;
    const convex = errors.find((e) => e !== plain)!;
    expect(plain).not.toBeInstanceOf(ConvexError);
    expect(plain.message).toMatch(FRAME);
    expect(convex).toBeInstanceOf(ConvexError);
    expect((convex as ConvexError<{ code: string }>).data).toEqual({ code: "limit" });
    await socket.close();
  });
});

describe("console.time", () => {
  it("prints whole milliseconds at INFO, as Convex does", async () => {
    const socket = new ConvexClient(h.server.url, { unsavedChangesWarning: false, logger: false });
    await socket.mutation(api.messages.timed, {});
    await socket.close();
    const line = h.logs.find((l) => l.includes("messages:timed") && l.includes("work:"));
    expect(line).toMatch(/\[INFO\] work: \d+ms$/);
  });
});
