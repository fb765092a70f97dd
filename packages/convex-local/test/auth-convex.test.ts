/**
 * Token checks as the Convex backend makes them (crates/authentication): specific codes and
 * messages, a required `kid` and `exp`, `iat` at most 5 s ahead, identity fields from iss/sub only,
 * and a WebSocket whose token is refused is left without any identity.
 */
import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { api } from "./fixture/convex/_generated/api.js";
import { startHarness, type Harness, type MintOptions } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: 1 });
});
afterAll(async () => {
  await h.close();
});

/** ConvexHttpClient throws the 401 body as its message: `{ code, message }`. */
async function refusal(token: string): Promise<{ code: string; message: string }> {
  const client = new ConvexHttpClient(h.server.url);
  client.setAuth(token);
  const err = await client.query(api.messages.whoami, {}).then(
    () => null,
    (e: Error) => e,
  );
  if (!err) throw new Error("the token was accepted");
  return JSON.parse(err.message);
}

const now = () => Math.floor(Date.now() / 1000);

describe("token checks", () => {
  it.each<[string, MintOptions, string, RegExp]>([
    ["has no kid", { kid: null }, "InvalidAuthHeader", /missing a 'kid' \(key ID\) header/],
    ["was issued 60 s ahead", { iat: now() + 60 }, "InvalidAuthHeader", /Token will be valid in (59|60|61) seconds/],
    ["expired a minute ago", { expiresIn: "-60s" }, "InvalidAuthHeader", /Token expired (59|60|61) seconds ago/],
    ["has no exp", { expiresIn: null }, "InvalidAuthHeader", /Could not verify token claim/],
    [
      "is for another audience",
      { audience: "someone-else" },
      "NoAuthProvider",
      /configured providers: \[CustomJWT\(issuer=http/,
    ],
  ])("a token that %s is refused with Convex's code", async (_name, options, code, message) => {
    const body = await refusal(await h.issuer.mint(options));
    expect(body.code).toBe(code);
    expect(body.message).toMatch(message);
  });

  it("a malformed token and a non-bearer header get InvalidAuthHeader", async () => {
    expect(await refusal("not.a.jwt")).toMatchObject({
      code: "InvalidAuthHeader",
      message: expect.stringMatching(/three base64-encoded parts/),
    });
    const res = await fetch(`${h.server.url}/api/query`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Basic abc" },
      body: JSON.stringify({ path: "messages:whoami", args: {} }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: "InvalidAuthHeader", message: "Header must begin with `bearer `" });
  });

  it("iat 3 s ahead is within Convex's tolerance", async () => {
    const client = new ConvexHttpClient(h.server.url);
    client.setAuth(await h.issuer.mint({ iat: now() + 3, sub: "early" }));
    expect(await client.query(api.messages.whoami, {})).toMatchObject({ subject: "early" });
  });

  it("claims named tokenIdentifier, subject or issuer cannot replace the identity's own", async () => {
    const client = new ConvexHttpClient(h.server.url);
    client.setAuth(
      await h.issuer.mint({ sub: "real", tokenIdentifier: "forged|admin", subject: "admin", issuer: "forged" }),
    );
    expect(await client.query(api.messages.whoami, {})).toMatchObject({
      subject: "real",
      issuer: h.issuer.url,
      tokenIdentifier: `${h.issuer.url}|real`,
    });
  });
});

describe("a socket whose second Authenticate fails", () => {
  it("has no identity afterwards, not even until the first token's exp", async () => {
    const ws = new WebSocket(`${h.server.url.replace("http", "ws")}/api/1.48.0/sync`);
    const inbox: Record<string, any>[] = [];
    ws.on("message", (d) => inbox.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once("open", r));
    const next = async (type: string) => {
      for (let i = 0; i < 500; i++) {
        const at = inbox.findIndex((m) => m.type === type);
        if (at >= 0) return inbox.splice(at, 1)[0];
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no ${type} message`);
    };
    const send = (m: Record<string, unknown>) => ws.send(JSON.stringify(m));
    send({
      type: "Connect",
      sessionId: "00000000-0000-4000-8000-000000000000",
      connectionCount: 0,
      lastCloseReason: null,
    });
    send({
      type: "Authenticate",
      baseVersion: 0,
      tokenType: "User",
      value: await h.issuer.mint({ sub: "first", expiresIn: "60s" }),
    });
    await next("Transition");
    send({ type: "Authenticate", baseVersion: 1, tokenType: "User", value: await h.issuer.mint({ kid: null }) });
    expect((await next("AuthError")).error).toMatch(/missing a 'kid'/);
    send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId: 0, udfPath: "messages:whoami", args: [{}] }],
    });
    const t = await next("Transition");
    expect(t.modifications).toEqual([expect.objectContaining({ type: "QueryUpdated", queryId: 0, value: null })]);
    ws.close();
  });
});

describe("pipelined mutations", () => {
  it("a mutation sent right after Authenticate runs as the new identity", async () => {
    const ws = new WebSocket(`${h.server.url.replace("http", "ws")}/api/1.48.0/sync`);
    const inbox: Record<string, any>[] = [];
    ws.on("message", (d) => inbox.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once("open", r));
    const token = await h.issuer.mint({ sub: "ordered" });
    const mutation = (requestId: number) => ({
      type: "Mutation",
      requestId,
      udfPath: "messages:whoamiMutation",
      args: [{}],
    });
    ws.send(JSON.stringify(mutation(0)));
    ws.send(JSON.stringify({ type: "Authenticate", baseVersion: 0, tokenType: "User", value: token }));
    ws.send(JSON.stringify(mutation(1)));
    ws.send(JSON.stringify(mutation(2)));
    for (let i = 0; i < 500 && inbox.filter((m) => m.type === "MutationResponse").length < 3; i++)
      await new Promise((r) => setTimeout(r, 10));
    const results = inbox.filter((m) => m.type === "MutationResponse").map((m) => [m.requestId, m.result]);
    expect(results).toEqual([
      [0, null],
      [1, "ordered"],
      [2, "ordered"],
    ]);
    ws.close();
  });
});
