import { anyApi } from "convex/server";
import { describe, expect, it } from "vitest";
import { fakeConvex, testApp } from "../../test/helpers";

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
