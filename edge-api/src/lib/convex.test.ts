import { anyApi } from "convex/server";
import { describe, expect, it } from "vitest";
import { fakeConvex, testApp } from "../../test/helpers";
import { createConvexHttpClient } from "./convex";
import { ApiError } from "./errors";

describe("ConvexGateway", () => {
  it("calls as the caller with convexAs, and as the service with a cached service token", async () => {
    let now = 1_800_000_000_000;
    const convex = fakeConvex({ "partners:origins": () => [] });
    const { app } = await testApp({ deps: { now: () => now, convexClient: convex.factory } });
    const gateway = app.services.convex;

    await gateway.convexAs("user-token").query(anyApi.partners!.origins!, {});
    expect(convex.calls.at(-1)!.token).toBe("user-token");

    await (await gateway.asService()).query(anyApi.partners!.origins!, {});
    await (await gateway.asService()).query(anyApi.partners!.origins!, {});
    const [first, second] = convex.calls.slice(-2).map((c) => c.token!);
    expect(second).toBe(first);
    const claims = await app.services.tokens.verifyToken(first!);
    expect(claims).toMatchObject({ sub: "service:edge-api", scp: ["service"] });

    // Renewed once it is within a minute of expiring.
    now = claims.exp * 1000 - 59_000;
    await (await gateway.asService()).query(anyApi.partners!.origins!, {});
    expect(convex.calls.at(-1)!.token).not.toBe(first);
  });
});

describe("Convex refusing a token", () => {
  // What convex-local (and Convex) answer when they cannot accept the bearer token.
  const refusing = (async () =>
    new Response(JSON.stringify({ code: "Unauthenticated", message: "Token expired" }), {
      status: 401,
      headers: { "Content-Type": "application/json" },
    })) as unknown as typeof fetch;

  it("is a 401 for the caller's token (through the real ConvexHttpClient)", async () => {
    const { app } = await testApp({ deps: { fetch: refusing, convexClient: createConvexHttpClient } });
    const error = await app.services.convex
      .convexAs("user-token")
      .query(anyApi.images!.list!, {})
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("stays internal for the service token (our fault, not the caller's)", async () => {
    const { app } = await testApp({ deps: { fetch: refusing, convexClient: createConvexHttpClient } });
    const error = await (await app.services.convex.asService()).query(anyApi.partners!.origins!, {}).catch((e) => e);
    expect(error).not.toBeInstanceOf(ApiError);
  });
});
