import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { testApp } from "../../../test/helpers";

describe("OpenAPI and docs", () => {
  it("serves an OpenAPI 3.1 document that an independent validator accepts", async () => {
    const { app } = await testApp({
      env: { CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----" },
    });
    const res = await app.request("/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const path of [
      "/v1/embed/tokens",
      "/v1/partner/api-keys",
      "/v1/dev/token",
      "/v1/session/token",
      "/.well-known/jwks.json",
      "/healthz",
      "/metrics",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.components.securitySchemes)).toEqual(
      expect.arrayContaining(["userToken", "partnerSecret", "apiKey", "clerkSession"]),
    );
    expect(doc.paths["/v1/embed/tokens"].post.security).toEqual([{ partnerSecret: [] }]);
    expect(doc.paths["/v1/embed/tokens"].post.responses["400"].content["application/json"].schema.$ref).toBe(
      "#/components/schemas/Error",
    );
  });

  it("opens on the REST API, with the token routes after it, and declares every tag it uses", async () => {
    const { app } = await testApp();
    const doc = await (await app.request("/openapi.json")).json();
    const declared = doc.tags.map((tag: { name: string }) => tag.name);
    expect(declared.slice(0, 2)).toEqual(["REST API", "Tokens"]);
    const used = new Set(
      Object.values(doc.paths).flatMap((item) =>
        Object.values(item as Record<string, { tags?: string[] }>).flatMap((op) => op.tags ?? []),
      ),
    );
    expect(declared).toEqual(expect.arrayContaining([...used]));
  });

  it("serves /docs with the bundled Scalar script when Node provides it", async () => {
    const { app } = await testApp({ deps: { docsScript: async () => "/* scalar */" } });
    const page = await app.request("/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('src="/docs/scalar.js"');
    expect(html).toContain("/openapi.json");
    const script = await app.request("/docs/scalar.js");
    expect(script.headers.get("Content-Type")).toMatch(/javascript/);
    expect(await script.text()).toBe("/* scalar */");
  });

  it("serves /docs with a CSP that allows its own scripts only (inline ones by hash)", async () => {
    const { app } = await testApp({ deps: { docsScript: async () => "/* scalar */" } });
    const page = await app.request("/docs");
    const csp = page.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("https:");
    // The inline script that starts Scalar is allowed by exactly its hash.
    const inline = /<script type="text\/javascript">([\s\S]*?)<\/script>/.exec(await page.text())![1]!;
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(inline)));
    expect(scriptSrc).toContain(`'sha256-${btoa(String.fromCharCode(...digest))}'`);
    const again = await app.request("/docs");
    expect(again.headers.get("Content-Security-Policy")).toBe(csp);
  });

  it("points /docs at the CDN without a bundled script (Workers)", async () => {
    const { app } = await testApp();
    const page = await app.request("/docs");
    expect(await page.text()).toContain("https://cdn.jsdelivr.net/npm/@scalar/api-reference");
    expect(page.headers.get("Content-Security-Policy")).toMatch(
      /script-src 'self' https:\/\/cdn\.jsdelivr\.net 'sha256-/,
    );
    expect((await app.request("/docs/scalar.js")).status).toBe(404);
  });
});
