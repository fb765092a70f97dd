import { expect } from "@open-wc/testing";
import { AuthSession } from "./auth-session.js";
import { tokenExpiry, tokenFromUrl } from "./token.js";

/** An unsigned JWT-shaped token; only the payload matters to the session. */
function jwt(expSeconds: number): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${encode({ alg: "ES256" })}.${encode({ sub: "local:u", exp: expSeconds })}.sig`;
}
const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;
const fast = { retryDelaysMs: [1, 1] };

describe("tokens", () => {
  it("reads exp from a JWT and ignores what is not one", () => {
    expect(tokenExpiry(jwt(2_000_000_000))).to.equal(2_000_000_000_000);
    expect(tokenExpiry("not a token")).to.equal(null);
  });

  it("tokenFromUrl POSTs and reads { token }", async () => {
    const calls: RequestInit[] = [];
    const provider = tokenFromUrl("https://partner.test/token", async (_url, init) => {
      calls.push(init!);
      return new Response(JSON.stringify({ token: "abc" }), { status: 200 });
    });
    expect(await provider()).to.equal("abc");
    expect(calls[0]!.method).to.equal("POST");
  });

  it("tokenFromUrl explains a bad answer", async () => {
    const provider = tokenFromUrl("https://partner.test/token", async () => new Response("{}", { status: 200 }));
    const error = await provider().catch((e: Error) => e);
    expect(String(error)).to.contain("did not return");
  });
});

describe("AuthSession", () => {
  it("caches a token until it nears expiry", async () => {
    let calls = 0;
    const session = new AuthSession(async () => {
      calls++;
      return jwt(inSeconds(600));
    }, fast);
    await session.token();
    await session.token();
    expect(calls).to.equal(1);
    expect(session.state).to.equal("signed-in");
  });

  it("refreshes a token that expires within the margin", async () => {
    let calls = 0;
    const session = new AuthSession(
      async () => {
        calls++;
        return jwt(inSeconds(10));
      },
      { ...fast, refreshMarginMs: 30_000 },
    );
    await session.token();
    await session.token();
    expect(calls).to.equal(2);
  });

  it("retries a failing provider a bounded number of times, then fails with a message", async () => {
    let calls = 0;
    const session = new AuthSession(async () => {
      calls++;
      throw new Error("partner down");
    }, fast);
    let changes = 0;
    session.onChange(() => changes++);
    expect(await session.token()).to.equal(null);
    expect(calls).to.equal(3);
    expect(session.state).to.equal("failed");
    expect(session.message).to.contain("partner down");
    expect(changes).to.equal(1);
  });

  it("an already expired token ends as expired", async () => {
    const session = new AuthSession(async () => jwt(inSeconds(-60)), fast);
    expect(await session.token()).to.equal(null);
    expect(session.state).to.equal("expired");
    expect(session.message).to.match(/expired/);
  });

  it("a refusal by the server marks the session expired", async () => {
    const session = new AuthSession(async () => jwt(inSeconds(600)), fast);
    await session.token();
    session.serverVerdict(false);
    expect(session.state).to.equal("expired");
  });

  it("concurrent callers share one fetch", async () => {
    let calls = 0;
    const session = new AuthSession(async () => {
      calls++;
      return jwt(inSeconds(600));
    }, fast);
    await Promise.all([session.token(), session.token(true), session.token()]);
    expect(calls).to.equal(1);
  });

  it("a token URL answering 404 fails at once, and is not asked again by the same session", async () => {
    let calls = 0;
    const session = new AuthSession(
      tokenFromUrl("https://partner.test/token", async () => {
        calls++;
        return new Response("Not Found", { status: 404, statusText: "Not Found" });
      }),
      fast,
    );
    expect(await session.token()).to.equal(null);
    expect(session.state).to.equal("failed");
    expect(session.message).to.contain("404");
    expect(await session.token(true), "the Convex client asks once more at once").to.equal(null);
    expect(calls, "a 404 is configuration: no retries, no second round").to.equal(1);
  });

  it("a token URL answering 503 is retried", async () => {
    let calls = 0;
    const session = new AuthSession(
      tokenFromUrl("https://partner.test/token", async () => {
        calls++;
        return calls < 3
          ? new Response("", { status: 503 })
          : new Response(JSON.stringify({ token: jwt(inSeconds(600)) }), { status: 200 });
      }),
      fast,
    );
    expect(await session.token()).to.be.a("string");
    expect(calls).to.equal(3);
  });
});
