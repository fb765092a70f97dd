import { expect } from "@open-wc/testing";
import { SignedUrlService } from "./signed-urls.js";

type Call = { url: string; body: { ids: string[]; transform?: object }; auth: string | null };

function service(options: { expiresInMs?: number; deny?: string[]; status?: number } = {}) {
  const calls: Call[] = [];
  const urls = new SignedUrlService({
    apiUrl: "http://api.test/",
    getToken: async () => "tok",
    fetch: async (url, init) => {
      const body = JSON.parse(String(init!.body)) as Call["body"];
      calls.push({ url: String(url), body, auth: new Headers(init!.headers).get("authorization") });
      if (options.status) return new Response("{}", { status: options.status });
      const expiresAt = Date.now() + (options.expiresInMs ?? 3_600_000);
      const granted = body.ids.filter((id) => !options.deny?.includes(id));
      return new Response(
        JSON.stringify({ urls: granted.map((id) => ({ id, url: `https://cdn.test/${id}`, expiresAt })) }),
      );
    },
  });
  return { urls, calls };
}

describe("SignedUrlService", () => {
  it("batches requests made together into one call with the bearer token", async () => {
    const { urls, calls } = service();
    const [a, b] = await Promise.all([urls.get("a"), urls.get("b")]);
    expect(a!.url).to.equal("https://cdn.test/a");
    expect(b!.url).to.equal("https://cdn.test/b");
    expect(calls).to.have.length(1);
    expect(calls[0]!.url).to.equal("http://api.test/v1/images/urls");
    expect(calls[0]!.auth).to.equal("Bearer tok");
    expect(calls[0]!.body.ids).to.deep.equal(["a", "b"]);
  });

  it("splits large batches at 100 ids", async () => {
    const { urls, calls } = service();
    await Promise.all(Array.from({ length: 250 }, (_, i) => urls.get(`id${i}`)));
    expect(calls.map((c) => c.body.ids.length)).to.deep.equal([100, 100, 50]);
  });

  it("caches until shortly before expiry and dedupes identical requests", async () => {
    const { urls, calls } = service();
    await Promise.all([urls.get("a"), urls.get("a")]);
    await urls.get("a");
    expect(calls).to.have.length(1);
    const soon = service({ expiresInMs: 30_000 });
    await soon.urls.get("a");
    await soon.urls.get("a");
    expect(soon.calls).to.have.length(2);
  });

  it("keeps transforms apart", async () => {
    const { urls, calls } = service();
    await Promise.all([urls.get("a", { w: 256 }), urls.get("a")]);
    expect(calls).to.have.length(2);
    expect(calls.find((c) => c.body.transform)!.body.transform).to.deep.equal({ w: 256 });
  });

  it("resolves ids the caller may not read to null", async () => {
    const { urls } = service({ deny: ["theirs"] });
    expect(await urls.get("theirs")).to.equal(null);
  });

  it("rejects every waiter when the API fails, and does not cache the failure", async () => {
    const { urls, calls } = service({ status: 503 });
    const error = await urls.get("a").catch((e: Error) => e);
    expect(String(error)).to.contain("503");
    await urls.get("a").catch(() => null);
    expect(calls).to.have.length(2);
  });

  it("preflight: tells a wrong api-url and a refused origin from an API that answers", async () => {
    const answering = (status: number | "network") =>
      new SignedUrlService({
        apiUrl: "https://api.test",
        getToken: async () => "token",
        fetch: async () => {
          if (status === "network") throw new TypeError("Failed to fetch");
          return new Response("{}", { status });
        },
      });
    expect(await answering(400).preflight(), "past the origin and token checks").to.equal(null);
    expect(await answering(403).preflight()).to.equal("origin");
    expect(await answering(404).preflight()).to.equal("api-unreachable");
    expect(await answering("network").preflight()).to.equal("api-unreachable");
  });
});
