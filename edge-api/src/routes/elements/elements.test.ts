import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/helpers";
import { elementsAssetsFrom } from "../../lib/node-deps";

/** A package folder as `npm run build -w @pixorly/elements` leaves it (contents made up, shapes real). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-elements-"));
fs.mkdirSync(path.join(dir, "dist"));
fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "@pixorly/elements", version: "1.4.2" }));
fs.writeFileSync(path.join(dir, "dist/pixorly.js"), 'import("./pixorly-client-AB12CD.js");');
fs.writeFileSync(path.join(dir, "dist/pixorly-client-AB12CD.js"), "export const client = 1;");
fs.writeFileSync(path.join(dir, "dist/pixorly.licenses.txt"), "lit — BSD-3-Clause");
fs.writeFileSync(path.join(dir, "dist/pixorly.meta.json"), "{}");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function app() {
  return (await testApp({ deps: { elementsAssets: elementsAssetsFrom(dir)! } })).app;
}

describe("/elements: pixorly.js for script tags", () => {
  it("serves the versioned bundle for a year and the unversioned one for five minutes, to any origin", async () => {
    const a = await app();
    const versioned = await a.request("/elements/1.4.2/pixorly.js", { headers: { Origin: "https://partner.example" } });
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(versioned.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(versioned.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(versioned.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
    expect(await versioned.text()).toBe('import("./pixorly-client-AB12CD.js");');

    const latest = await a.request("/elements/pixorly.js");
    expect(latest.status).toBe(200);
    expect(latest.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(latest.headers.get("X-Pixorly-Elements-Version")).toBe("1.4.2");
  });

  it("serves the content-hashed chunks immutably under both prefixes, and the licence list", async () => {
    const a = await app();
    for (const url of ["/elements/pixorly-client-AB12CD.js", "/elements/1.4.2/pixorly-client-AB12CD.js"]) {
      const res = await a.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("Cache-Control")).toContain("immutable");
    }
    const licences = await a.request("/elements/1.4.2/pixorly.licenses.txt");
    expect(licences.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(await licences.text()).toContain("BSD-3-Clause");
  });

  it("answers 404 with the reason for another version, other files and path tricks", async () => {
    const a = await app();
    const other = await a.request("/elements/9.9.9/pixorly.js");
    expect(other.status).toBe(404);
    expect((await other.json()).message).toContain("the deployed version is 1.4.2");
    for (const url of [
      "/elements/pixorly.meta.json",
      "/elements/package.json",
      "/elements/..%2Fpackage.json",
      "/elements/1.4.2/..%2F..%2Fpackage.json",
      "/elements/latest/pixorly.js",
      "/elements/pixorly-gone-ZZ.js",
    ]) {
      const res = await a.request(url);
      expect(res.status, url).toBe(404);
      const body = await res.json();
      expect(body.code).toBe("NOT_FOUND");
      expect(body.message).not.toContain(dir);
    }
  });

  it("says so when the runtime serves no bundle (a Worker)", async () => {
    const { app: bare } = await testApp();
    const res = await bare.request("/elements/pixorly.js");
    expect(res.status).toBe(404);
    expect((await res.json()).message).toContain("npm package");
  });
});
