import { describe, expect, it } from "vitest";
import { postJson, testApp } from "../../../../test/helpers";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../../../cdn/key-pair";

describe("POST /v1/dev/token", () => {
  it("signs in the local user with an empty request", async () => {
    const { app } = await testApp();
    const res = await app.request("/v1/dev/token", { method: "POST" });
    expect(res.status).toBe(200);
    const { token, expiresAt } = await res.json();
    const claims = await app.services.tokens.verifyToken(token);
    expect(claims.sub).toBe("local:local-user");
    expect(claims.scp).toBeUndefined();
    expect(claims.exp - claims.iat).toBe(900);
    expect(expiresAt).toBe(claims.exp * 1000);
  });

  it("takes a user id from a JSON body, {} included", async () => {
    const { app } = await testApp();
    const named = await app.request("/v1/dev/token", postJson({ userId: "alice" }));
    expect((await app.services.tokens.verifyToken((await named.json()).token)).sub).toBe("local:alice");
    const empty = await app.request("/v1/dev/token", postJson({}));
    expect((await app.services.tokens.verifyToken((await empty.json()).token)).sub).toBe("local:local-user");
  });

  it("400 for a bad user id", async () => {
    const { app } = await testApp();
    const res = await app.request("/v1/dev/token", postJson({ userId: "no spaces allowed" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "INVALID_ARGUMENT", fields: [{ path: "userId" }] });
  });

  it("does not exist outside local mode", async () => {
    // Outside local mode the configuration must hold the key that signs image URLs.
    const cloudfront = cloudFrontEnv(await generateCloudFrontKeyPair("KPROD"));
    for (const LOCAL_MODE of ["0", undefined]) {
      const { app } = await testApp({ env: { LOCAL_MODE, ...cloudfront } });
      const res = await app.request("/v1/dev/token", postJson({}));
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe("NOT_FOUND");
    }
  });
});
