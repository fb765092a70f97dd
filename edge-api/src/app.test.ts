import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { ConvexError } from "convex/values";
import { errorCodeInfo } from "@pixorly/core";
import { describe, expect, it } from "vitest";
import { createApp } from "./app";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "./cdn/key-pair";
import { ApiError } from "./lib/errors";
import { createRouter } from "./lib/openapi";
import { DEMO_ORIGIN, postJson, testApp, testEnv } from "../test/helpers";

describe("createApp", () => {
  it("names the bad variable when the configuration is wrong", async () => {
    const env = await testEnv();
    expect(() => createApp({ ...env, PUBLIC_URL: "not a url" })).toThrow(/PUBLIC_URL/);
    expect(() => createApp({ ...env, SIGNING_KEYS: undefined })).toThrow(/SIGNING_KEYS is required/);
    expect(() => createApp({ ...env, SIGNING_KEYS: "[{" })).toThrow(/SIGNING_KEYS is not valid JSON/);
    expect(() => createApp({ ...env, SIGNING_KEYS: '[{"kid":"a","kty":"RSA"}]' })).toThrow(/SIGNING_KEYS\[0\]/);
    expect(() => createApp({ ...env, CONVEX_URL: undefined })).toThrow(/CONVEX_URL is required/);
    expect(() => createApp({ ...env, CORS_ORIGINS: "http://a.test/path" })).toThrow(/CORS_ORIGINS/);
    expect(() => createApp({ ...env, LOCAL_MODE: "yes" })).toThrow(/LOCAL_MODE/);
    expect(() => createApp({ ...env, CLERK_JWKS_URL: "https://clerk.test/.well-known/jwks.json" })).toThrow(
      /CLERK_ISSUER/,
    );
  });

  it("refuses local mode unless PUBLIC_URL is loopback", async () => {
    const env = await testEnv();
    for (const PUBLIC_URL of [
      "https://api.pixorly.com",
      "http://10.0.0.5:8787",
      "http://127.0.0.1.nip.io:8787",
      "http://localhost.example.com",
    ]) {
      expect(() => createApp({ ...env, PUBLIC_URL, LOCAL_MODE: "1" }), PUBLIC_URL).toThrow(
        /LOCAL_MODE is "1" but PUBLIC_URL .* is not a loopback URL/,
      );
    }
    for (const PUBLIC_URL of [
      "http://127.0.0.1:8787",
      "http://localhost:8787",
      "http://[::1]:8787",
      "http://127.1.2.3",
    ]) {
      expect(createApp({ ...env, PUBLIC_URL, LOCAL_MODE: "1" }).services.config.localMode, PUBLIC_URL).toBe(true);
    }
  });

  it("needs the image-URL signing key outside local mode, and names what is missing", async () => {
    const env = await testEnv();
    const cloudfront = cloudFrontEnv(await generateCloudFrontKeyPair("KCONF"));
    for (const LOCAL_MODE of ["0", undefined]) {
      expect(() => createApp({ ...env, LOCAL_MODE })).toThrow(/CLOUDFRONT_PRIVATE_KEY is required outside local mode/);
      expect(() =>
        createApp({ ...env, LOCAL_MODE, CLOUDFRONT_PRIVATE_KEY: cloudfront.CLOUDFRONT_PRIVATE_KEY }),
      ).toThrow(/CLOUDFRONT_KEY_PAIR_ID is required outside local mode/);
      expect(createApp({ ...env, LOCAL_MODE, ...cloudfront }).services.imageSigner?.keyPairId).toBe("KCONF");
    }
    // Offline the key may be absent (node.ts generates one), but not half of it.
    expect(createApp({ ...env, LOCAL_MODE: "1" }).services.imageSigner).toBeNull();
    expect(() => createApp({ ...env, CLOUDFRONT_KEY_PAIR_ID: "KCONF" })).toThrow(
      /CLOUDFRONT_PRIVATE_KEY is required with CLOUDFRONT_KEY_PAIR_ID/,
    );
    expect(() => createApp({ ...env, ...cloudfront, CLOUDFRONT_PRIVATE_KEY: "-----BEGIN PUBLIC KEY-----" })).toThrow(
      /CLOUDFRONT_PRIVATE_KEY must be a PEM RSA private key/,
    );
  });
});

describe("root middleware", () => {
  it("gives every response a request id, keeping a sane incoming one", async () => {
    const { app } = await testApp();
    const fresh = await app.request("/.well-known/jwks.json");
    expect(fresh.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.request("/.well-known/jwks.json", { headers: { "X-Request-Id": "partner-req_42" } });
    expect(kept.headers.get("X-Request-Id")).toBe("partner-req_42");
    const replaced = await app.request("/.well-known/jwks.json", { headers: { "X-Request-Id": "bad id<script>" } });
    expect(replaced.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs one JSON line per request and sets security headers", async () => {
    const { app, logs } = await testApp();
    const res = await app.request("/.well-known/jwks.json", { headers: { "X-Request-Id": "r1" } });
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Strict-Transport-Security")).toBeTruthy();
    expect(res.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
    const line = logs.filter((l) => l.msg === "request");
    expect(line).toHaveLength(1);
    expect(line[0]).toMatchObject({
      level: "info",
      method: "GET",
      path: "/.well-known/jwks.json",
      route: "/.well-known/jwks.json",
      status: 200,
      requestId: "r1",
    });
    expect(typeof line[0]!.ms).toBe("number");
  });

  it("answers unknown routes with a 404 in the error shape", async () => {
    const { app } = await testApp();
    const res = await app.request("/nope", { headers: { "X-Request-Id": "r2" } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: "NOT_FOUND", message: "No route for GET /nope.", requestId: "r2" });
    expect(res.headers.get("X-Request-Id")).toBe("r2");
  });

  it("allows CORS for the configured origins and registered partner origins only", async () => {
    const { app, convex } = await testApp({ convex: { "partners:origins": () => ["https://partner.example"] } });
    const preflight = (origin: string) =>
      app.request("/.well-known/jwks.json", {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization,content-type",
        },
      });
    expect((await preflight(DEMO_ORIGIN)).headers.get("Access-Control-Allow-Origin")).toBe(DEMO_ORIGIN);
    const partner = await preflight("https://partner.example");
    expect(partner.headers.get("Access-Control-Allow-Origin")).toBe("https://partner.example");
    expect(partner.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/i);
    expect((await preflight("https://evil.example")).headers.get("Access-Control-Allow-Origin")).toBeNull();
    // The partner list is cached: three preflights, one Convex call, made as the service.
    const calls = convex.calls.filter((c) => c.name === "partners:origins");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.token).toBeTruthy();
    const claims = await app.services.tokens.verifyToken(calls[0]!.token!);
    expect(claims).toMatchObject({ sub: "service:edge-api", scp: ["service"] });
  });

  it("answers allowed origins with CORS headers, others without, and says every response varies by Origin", async () => {
    const { app } = await testApp({ convex: { "partners:origins": () => ["https://partner.example"] } });
    const allowed = await app.request("/.well-known/jwks.json", { headers: { Origin: "https://partner.example" } });
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://partner.example");
    expect(allowed.headers.get("Access-Control-Expose-Headers")).toContain("X-Request-Id");
    expect(allowed.headers.get("Vary")).toBe("Origin");
    for (const headers of [{ Origin: "https://evil.example" }, {}] as Record<string, string>[]) {
      const res = await app.request("/.well-known/jwks.json", { headers });
      expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
      expect(res.headers.get("Access-Control-Expose-Headers")).toBeNull();
      expect(res.headers.get("Vary")).toBe("Origin");
    }
    const preflight = await app.request("/v1/images/urls", {
      method: "OPTIONS",
      headers: { Origin: DEMO_ORIGIN, "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    expect(preflight.headers.get("Access-Control-Max-Age")).toBe("600");
    expect(preflight.headers.get("X-Request-Id")).toBeTruthy();
  });

  it("puts the request id and security headers on errors and preflights too", async () => {
    const { app } = await testApp();
    for (const res of [
      await app.request("/nope"),
      await app.request("/v1/images/urls", postJson({ ids: [] })),
      await app.request("/x", { method: "OPTIONS" }),
    ]) {
      expect(res.headers.get("X-Request-Id")).toBeTruthy();
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
    }
  });

  it("keeps CORS closed when Convex cannot list partner origins", async () => {
    const { app, logs } = await testApp({
      convex: {
        "partners:origins": () => {
          throw new Error("down");
        },
      },
    });
    const res = await app.request("/.well-known/jwks.json", { headers: { Origin: "https://partner.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(logs.some((l) => l.level === "warn" && l.msg === "partner origins unavailable")).toBe(true);
  });
});

describe("error handler", () => {
  async function appWith(register: (r: OpenAPIHono<any>) => void) {
    const { app, logs } = await testApp();
    const router = createRouter();
    register(router);
    app.route("/", router);
    return { app, logs };
  }

  it("answers typed errors with their code and status", async () => {
    const { app } = await appWith((r) =>
      r.get("/t", () => {
        throw new ApiError("FORBIDDEN", "Not yours.");
      }),
    );
    const res = await app.request("/t", { headers: { "X-Request-Id": "r3" } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: "FORBIDDEN", message: "Not yours.", requestId: "r3" });
  });

  it("maps ConvexError codes through core, fields included", async () => {
    const { app } = await appWith((r) => {
      r.get("/nf", () => {
        throw new ConvexError({ code: "NOT_FOUND", message: "No such image." });
      });
      r.get("/bad", () => {
        throw new ConvexError({
          code: "INVALID_ARGUMENT",
          message: "Bad.",
          fields: [{ field: "parameters.width", message: "too wide" }],
        });
      });
      r.get("/credits", () => {
        throw new ConvexError({ code: "INSUFFICIENT_CREDITS", message: "Top up." });
      });
      r.get("/odd", () => {
        throw new ConvexError({ code: "WHATEVER", message: "internal detail" });
      });
    });
    expect((await app.request("/nf")).status).toBe(404);
    const bad = await app.request("/bad");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: "INVALID_ARGUMENT",
      fields: [{ field: "parameters.width", path: "parameters.width", message: "too wide" }],
    });
    expect((await app.request("/credits")).status).toBe(402);
    const odd = await app.request("/odd");
    expect(odd.status).toBe(500);
    expect(JSON.stringify(await odd.json())).not.toContain("internal detail");
  });

  it("hides unexpected errors behind a 500 and logs the real one", async () => {
    const { app, logs } = await appWith((r) =>
      r.get("/boom", () => {
        throw new Error("database password is hunter2");
      }),
    );
    const res = await app.request("/boom", { headers: { "X-Request-Id": "r4" } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ code: "INTERNAL", message: errorCodeInfo.INTERNAL.message, requestId: "r4" });
    const logged = logs.find((l) => l.level === "error");
    expect(logged).toMatchObject({ requestId: "r4", error: "database password is hunter2" });
    expect(logs.find((l) => l.msg === "request")).toMatchObject({ status: 500, route: "/boom" });
  });

  it("answers validation failures with 400 INVALID_ARGUMENT naming the fields", async () => {
    const route = createRoute({
      method: "post",
      path: "/v",
      request: {
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ name: z.string().min(1), n: z.number().int() }) } },
        },
      },
      responses: { 200: { description: "ok" } },
    });
    const { app } = await appWith((r) => r.openapi(route, (c) => c.json({ ok: true }, 200)));
    const res = await app.request("/v", postJson({ name: "", n: 1.5 }, { "X-Request-Id": "r5" }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ code: "INVALID_ARGUMENT", requestId: "r5" });
    // Each field with its own message, not the first one's message for both.
    expect(body.message).toBe(
      `Invalid input: ${body.fields.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`).join("; ")}`,
    );
    expect(new Set(body.fields.map((f: { message: string }) => f.message)).size).toBe(2);
    expect(body.fields.map((f: { path: string }) => f.path)).toEqual(["name", "n"]);
    const malformed = await app.request("/v", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{",
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: "INVALID_ARGUMENT" });
    const text = await app.request("/v", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "hi" });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});
