/** File storage as Convex serves it: hex digests, malformed ids refused, Digest checked, byte ranges. */
import { ConvexHttpClient } from "convex/browser";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./fixture/convex/_generated/api.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
let client: ConvexHttpClient;
beforeAll(async () => {
  h = await startHarness({ workers: 1 });
  client = new ConvexHttpClient(h.server.url);
});
afterAll(async () => {
  await h.close();
});

const bytes = new TextEncoder().encode("0123456789abcdef");

async function upload(headers: Record<string, string> = {}) {
  const url = await client.mutation(api.files.uploadUrl, {});
  return fetch(url, { method: "POST", body: bytes, headers: { "Content-Type": "text/plain", ...headers } });
}

describe("storage fidelity", () => {
  it("getMetadata gives the sha256 in hex, null for an unknown id, and throws for a malformed one", async () => {
    const { storageId } = await (await upload()).json();
    expect(await client.query(api.files.metadata, { storageId })).toEqual({
      storageId,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: 16,
      contentType: "text/plain",
    });
    await expect(client.query(api.files.metadata, { storageId: "not-an-id" })).rejects.toThrow(/Invalid storage ID/);
  });

  it("an upload whose Digest header does not match is refused and stores nothing", async () => {
    const wrong = createHash("sha256").update("something else").digest("base64");
    const res = await upload({ Digest: `sha-256=${wrong}` });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "StorageDigestMismatch" });
    const right = createHash("sha256").update(bytes).digest("base64");
    expect((await upload({ Digest: `sha-256=${right}` })).status).toBe(200);
  });

  it("serves byte ranges with 206 and refuses unsatisfiable ones with 416", async () => {
    const { storageId } = await (await upload()).json();
    const url = `${h.server.url}/api/storage/${storageId}`;
    const part = await fetch(url, { headers: { Range: "bytes=2-5" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 2-5/16");
    expect(await part.text()).toBe("2345");
    const tail = await fetch(url, { headers: { Range: "bytes=-3" } });
    expect(await tail.text()).toBe("def");
    expect((await fetch(url, { headers: { Range: "bytes=99-" } })).status).toBe(416);
    expect((await fetch(url)).status).toBe(200);
  });
});
